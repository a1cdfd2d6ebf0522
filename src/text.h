/* text.h: slugs, ids, readable names and dates: the small text rules. */
#ifndef HBOOK_TEXT_H
#define HBOOK_TEXT_H

#include <stddef.h>

#include "util.h"

/* "Sleep & Naps: Part 2" -> "sleep-naps-part-2": lowercase ASCII letters,
 * digits and single hyphens; letters with accents lose them, other
 * characters separate words.  May return "".  The caller frees it. */
char *slugify(const char *s);

/* An id for a heading: the slug, made a valid XML name (it starts with a
 * letter) and never empty.  The caller frees it. */
char *make_id(const char *text);

/* Whether s is an id hbook writes: an ASCII XML name without colons
 * (a letter or "_", then letters, digits, "-", "_", "."). */
int id_valid(const char *s);

/* "2013-10-01-sleep-and-naps.md" -> "sleep-and-naps": the file name
 * without folder, extension or Jekyll's date prefix.  Caller frees. */
char *file_stem(const char *path);

/* "sleep-and-naps" -> "Sleep and naps".  The caller frees it. */
char *readable_name(const char *stem);

/* Normalises a date as YAML or front matter writes it ("2024-03-05",
 * "2024-03-05 10:00:00 -0400", "2024-03-05T10:00:00Z") to "2024-03-05".
 * Returns NULL when s holds no valid calendar date; the caller frees. */
char *date_normalize(const char *s);

/* "2024-03-05" -> "March 5, 2024" for English, else the date as given.
 * The caller frees it. */
char *date_display(const char *ymd, const char *lang);

/* Seconds since the epoch of a YYYY-MM-DD date at midnight UTC. */
long long date_epoch(const char *ymd);

/* Whether s is valid UTF-8 without NUL bytes. */
int utf8_valid(const char *s, size_t len);

/* Replaces invalid UTF-8 sequences and NUL bytes in s with U+FFFD.
 * Returns a new NUL-terminated string (the caller frees it) and the line of
 * the first repair in *bad_line, or 0 when s needed none. */
char *utf8_repair(const char *s, size_t len, size_t *outlen, int *bad_line);

/* "A", "A and B", "A, B and C".  The caller frees it. */
char *names_join(const struct strlist *names);

/* Whether s has the shape of a BCP 47 language tag ("en", "pt-BR"). */
int lang_valid(const char *s);

/* The address a reader can open for an embedded player's: a YouTube or
 * Vimeo player's video page ("https://www.youtube.com/embed/ID" is
 * "https://www.youtube.com/watch?v=ID"), else src.  The caller frees it. */
char *embed_address(const char *src);

/* The host of a web address ("www.va.gov"), or NULL; the caller frees
 * it. */
char *web_host(const char *url);

/* Whether url is a video's page (YouTube, Vimeo). */
int embed_is_video(const char *url);

#endif
