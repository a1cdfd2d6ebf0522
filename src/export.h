/* export.h: the whole pipeline, scan -> meta -> order -> pages -> nav,
 * opf -> pack. */
#ifndef HBOOK_EXPORT_H
#define HBOOK_EXPORT_H

struct export_opts {
	const char *content;     /* the content folder */
	const char *output;      /* the .epub to write; NULL: list only */
	const char *templates;   /* --templates DIR */
	const char *css;         /* --css FILE */
	const char *cover;       /* --cover FILE */
	const char *config;      /* --config FILE, else CONTENT/hbook.yaml */
	const char *lang;        /* --lang: only this language's articles */
	const char *report;      /* --report FILE */
	int smart;               /* --smart */
	int kobo;                /* --kobo: a kepub */
	int jobs;                /* -j N: threads; 0 for one per CPU */
	int timings;             /* --timings: time per stage to stderr */
	int level;               /* libdeflate level: --compress fast 1, best 12 */
	long long source_date;   /* SOURCE_DATE_EPOCH, or -1 */
	int images;              /* --images: enum picture_profile */
	int image_size;          /* --image-size: the long side, 0 default */
};

/* Exports the book, or with output NULL prints the reading order and
 * table of contents (hbook list).  Returns 0, or -1 when an error stopped
 * it (diagnostics said why). */
int export_run(const struct export_opts *o);

#endif
