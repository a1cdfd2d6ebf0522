/* hash.c: SHA-1 (libcrypto) for picture names and the book's UUID. */
#include "hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "util.h"

void
sha1(const void *data, size_t len, unsigned char out[20])
{
	unsigned int n = 20;

	/* a hash needs no system policy: not reading openssl.cnf saves
	 * 0.4 ms on the first call, and a broken one cannot stop a book.
	 * Nor a clean-up at exit, which freed OpenSSL's tables one by one
	 * for 0.7 ms before the process ended; the kernel frees them at once */
	OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ATEXIT,
	    NULL);
	if (!EVP_Digest(data, len, out, &n, EVP_sha1(), NULL))
		xoom();
}

void
uuid5_url(const char *name, char out[37])
{
	/* RFC 4122 appendix C: the URL namespace. */
	static const unsigned char ns[16] = {
		0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
		0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
	unsigned char h[20];
	size_t n = strlen(name);
	unsigned char *msg = xmalloc(16 + n);

	memcpy(msg, ns, 16);
	memcpy(msg + 16, name, n);
	sha1(msg, 16 + n, h);
	free(msg);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	snprintf(out, 37,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9],
	    h[10], h[11], h[12], h[13], h[14], h[15]);
}
