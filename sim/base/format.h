/* format.h — how a command prints what it read: a terminal table, CSV or
 * JSON.  Its own header so the fit floor names the choice without the
 * results reader's headers. */
#ifndef PORTEE_FORMAT_H
#define PORTEE_FORMAT_H

typedef enum { PORTEE_FORMAT_TABLE, PORTEE_FORMAT_CSV, PORTEE_FORMAT_JSON } portee_format_t;

#endif
