# Turns a text file into a C string constant (portee_default_scenario).
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
file(WRITE ${OUT} "/* generated from scenarios/default.yaml; do not edit */\n"
  "#include <stddef.h>\n"
  "const char portee_default_scenario[] = {${hex} 0};\n"
  "const size_t portee_default_scenario_len = sizeof portee_default_scenario - 1;\n")
