/* h5common.h — attribute helpers shared by the results writer and reader. */
#ifndef PORTEE_H5COMMON_H
#define PORTEE_H5COMMON_H

#include <stdint.h>

#include <hdf5.h>

/* A variable-length UTF-8 string type; the caller closes it. */
hid_t portee_h5_string_type(void);
herr_t portee_h5_attr_string(hid_t obj, const char *name, const char *value);
herr_t portee_h5_attr_u64(hid_t obj, const char *name, uint64_t value);
herr_t portee_h5_attr_double(hid_t obj, const char *name, double value);

/* Readers: negative when the attribute is missing or of another kind.
 * portee_h5_read_attr_string returns a malloc'd copy in *value. */
herr_t portee_h5_read_attr_string(hid_t obj, const char *name, char **value);
herr_t portee_h5_read_attr_u64(hid_t obj, const char *name, uint64_t *value);
herr_t portee_h5_read_attr_double(hid_t obj, const char *name, double *value);

#endif
