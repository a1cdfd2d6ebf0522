/* text.c: the small text rules, kept apart so unit tests can reach them. */
#include "text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Latin letters with diacritics in U+00C0..U+017F, by code point, mapped to
 * their base letter; 0 where there is none.  Enough for the health sites'
 * Spanish and French; other scripts separate words. */
static const char latin1[] =
    "AAAAAAACEEEEIIII" "DNOOOOO\0OUUUUYTs"
    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";
static const char latin_ext_a[] =
    "AaAaAaCcCcCcCcDd" "DdEeEeEeEeEeGgGg" "GgGgHhHhIiIiIiIi"
    "IiJjJjKkkLlLlLlL" "lLlNnNnNnnNnOoOo" "OoOoRrRrRrSsSsSs"
    "SsTtTtTtUuUuUuUu" "UuUuWwYyYZzZzZzs";

static char
fold_latin(unsigned cp)
{
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp >= 0x100 && cp <= 0x17F)
		return latin_ext_a[cp - 0x100];
	return 0;
}

/* Decodes one UTF-8 sequence at s; returns its length (at least 1). */
static size_t
utf8_next(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
		    (s[2] & 0x3Fu);
		return 3;
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
		    ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

char *
slugify(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b = {0};
	int gap = 0;

	buf_add(&b, "", 0);
	while (*p) {
		unsigned cp;
		char c;

		p += utf8_next(p, &cp);
		c = cp < 0x80 ? (char)cp : fold_latin(cp);
		if (isalnum((unsigned char)c)) {
			if (gap && b.len)
				buf_addc(&b, '-');
			buf_addc(&b, (char)tolower((unsigned char)c));
			gap = 0;
		} else if (c != '\'' && cp != 0x2019) {
			/* apostrophes join: "don't" -> "dont" */
			gap = 1;
		}
	}
	return buf_steal(&b);
}

char *
make_id(const char *text)
{
	char *slug = slugify(text), *id;

	if (slug[0] == '\0') {
		free(slug);
		return xstrdup("section");
	}
	if (isalpha((unsigned char)slug[0]))
		return slug;
	id = xasprintf("s-%s", slug);
	free(slug);
	return id;
}

int
id_valid(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_.", *s))
			return 0;
	return 1;
}

char *
file_stem(const char *path)
{
	const char *base = path_base(path);
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	int y, m, d, k = 0;

	/* Jekyll posts: YYYY-MM-DD-slug */
	if (n > 11 && sscanf(base, "%4d-%2d-%2d-%n", &y, &m, &d, &k) == 3 &&
	    k == 11)
		return xstrndup(base + 11, n - 11);
	return xstrndup(base, n);
}

char *
readable_name(const char *stem)
{
	char *s = xstrdup(stem);

	for (char *p = s; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	if (s[0])
		s[0] = (char)toupper((unsigned char)s[0]);
	return s;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

char *
date_normalize(const char *s)
{
	int y, m, d, k = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &k) != 3 || k != 10)
		return NULL;
	if (s[10] != '\0' && s[10] != 'T' && s[10] != 't' &&
	    !isspace((unsigned char)s[10]))
		return NULL;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return NULL;
	return xasprintf("%04d-%02d-%02d", y, m, d);
}

static const char *const months[] = {"January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December"};

char *
date_display(const char *ymd, const char *lang)
{
	int y, m, d;

	if (lang != NULL && strncmp(lang, "en", 2) == 0 &&
	    (lang[2] == '\0' || lang[2] == '-') &&
	    sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12)
		return xasprintf("%s %d, %d", months[m - 1], d, y);
	return xstrdup(ymd);
}

long long
date_epoch(const char *ymd)
{
	int y, m, d;
	long long days;

	if (sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	/* days from civil, proleptic Gregorian (H. Hinnant's algorithm) */
	y -= m <= 2;
	{
		long long era = (y >= 0 ? y : y - 399) / 400;
		long long yoe = y - era * 400;
		long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
		long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
		days = era * 146097 + doe - 719468;
	}
	return days * 86400;
}

/* Whether the 8 bytes at p are ASCII and none is NUL. */
static int
ascii8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t v;

	memcpy(&v, p, 8);
	return ((((v - ones) & ~v) | v) & highs) == 0;
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;

	while (p < e) {
		unsigned cp;
		size_t n;

		/* most text is ASCII: eight bytes at a time */
		while (e - p >= 8 && ascii8(p))
			p += 8;
		if (p == e)
			break;
		if (*p == 0)
			return 0;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((size_t)(e - p) < 4) {
			/* copy the tail so utf8_next never reads past it */
			unsigned char t[5] = {0};
			memcpy(t, p, (size_t)(e - p));
			n = utf8_next(t, &cp);
			if (n > (size_t)(e - p))
				return 0;
		} else {
			n = utf8_next(p, &cp);
		}
		if (cp == 0xFFFD && n == 1)
			return 0;
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		p += n;
	}
	return 1;
}

char *
utf8_repair(const char *s, size_t len, size_t *outlen, int *bad_line)
{
	struct buf b = {0};
	size_t i = 0, start = 0;
	int line = 1;

	*bad_line = 0;
	if (utf8_valid(s, len)) {
		*outlen = len;
		return xstrndup(s, len);
	}
	buf_add(&b, "", 0);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n = 1;
		int ok;

		if (c == '\n')
			line++;
		if (c != 0 && c < 0x80) {
			i++;
			continue;
		}
		if (c == 0) {
			ok = 0;
		} else {
			n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			ok = n > 1 && i + n <= len && utf8_valid(s + i, n);
		}
		if (ok) {
			i += n;
			continue;
		}
		buf_add(&b, s + start, i - start);
		buf_adds(&b, "\xEF\xBF\xBD");
		if (*bad_line == 0)
			*bad_line = line;
		i++;
		start = i;
	}
	buf_add(&b, s + start, len - start);
	*outlen = b.len;
	return buf_steal(&b);
}

int
lang_valid(const char *s)
{
	size_t n = 0;

	/* BCP 47's shape: alphanumeric subtags of 1 to 8, joined by hyphens */
	for (; *s; s++) {
		if (*s == '-' && n > 0)
			n = 0;
		else if (isalnum((unsigned char)*s) && ++n <= 8)
			continue;
		else
			return 0;
	}
	return n > 0;
}

char *
names_join(const struct strlist *names)
{
	struct buf b = {0};

	buf_add(&b, "", 0);
	for (size_t i = 0; i < names->n; i++) {
		if (i)
			buf_adds(&b, i + 1 == names->n ? " and " : ", ");
		buf_adds(&b, names->v[i]);
	}
	return buf_steal(&b);
}

/* The host of an http(s) address ("www.youtube.com"), into host. */
static void
url_host(const char *url, char *host, size_t size)
{
	const char *p = strstr(url, "://");
	size_t n;

	host[0] = '\0';
	if (p == NULL)
		return;
	p += 3;
	n = strcspn(p, "/?#:");
	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++)
		host[i] = (char)tolower((unsigned char)p[i]);
	host[n] = '\0';
}

static int
host_is(const char *host, const char *domain)
{
	size_t h = strlen(host), d = strlen(domain);

	return h >= d && strcmp(host + h - d, domain) == 0 &&
	    (h == d || host[h - d - 1] == '.');
}

char *
embed_address(const char *src)
{
	char host[256];
	const char *id;

	url_host(src, host, sizeof(host));
	if ((host_is(host, "youtube.com") || host_is(host,
	    "youtube-nocookie.com")) && (id = strstr(src, "/embed/")) != NULL) {
		id += 7;
		return xasprintf("https://www.youtube.com/watch?v=%.*s",
		    (int)strcspn(id, "?&#/"), id);
	}
	if (host_is(host, "player.vimeo.com") &&
	    (id = strstr(src, "/video/")) != NULL) {
		id += 7;
		return xasprintf("https://vimeo.com/%.*s", (int)strcspn(id, "?&#/"),
		    id);
	}
	return xstrdup(src);
}

int
embed_is_video(const char *url)
{
	char host[256];

	url_host(url, host, sizeof(host));
	return host_is(host, "youtube.com") || host_is(host, "youtu.be") ||
	    host_is(host, "vimeo.com") || host_is(host, "youtube-nocookie.com");
}

char *
web_host(const char *url)
{
	char host[256];

	url_host(url, host, sizeof(host));
	return host[0] ? xstrdup(host) : NULL;
}
