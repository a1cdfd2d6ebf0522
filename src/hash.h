/* hash.h: SHA-1 and name-based UUIDs. */
#ifndef HBOOK_HASH_H
#define HBOOK_HASH_H

#include <stddef.h>

/* SHA-1 of data, via libcrypto. */
void sha1(const void *data, size_t len, unsigned char out[20]);
/* RFC 4122 version-5 UUID of name in the URL namespace, as 36 characters. */
void uuid5_url(const char *name, char out[37]);

#endif
