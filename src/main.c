/* main.c: the command line.  The one place that decides the exit status:
 * 0 success (warnings allowed), 1 errors, 2 usage. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "diag.h"
#include "dom.h"
#include "export.h"
#include "picture.h"
#include "output.h"
#include "threads.h"

/* The libdeflate level without --compress, chosen by measurement (make
 * bench): level 1 deflates the chapters 2.2 times as fast as level 6, and
 * they come out 1.6% larger; see the README. */
#define DEFAULT_LEVEL 1

#ifndef HBOOK_VERSION
#define HBOOK_VERSION "0.1.0"
#endif

static const char usage_main[] =
    "usage: hbook export CONTENT -o BOOK.epub [options]\n"
    "       hbook list CONTENT [options]\n"
    "       hbook --help | --version\n"
    "\n"
    "Turns a site's folder (Hugo, Zola, Jekyll, MkDocs, Docusaurus, GitBook,\n"
    "mdBook, Obsidian, Wiki.js, or Markdown pages as they are) into an\n"
    "EPUB 3 book, reading its pages, order and links the site's way.\n"
    "Pages with no text are left out; short ones (a glossary's terms) are\n"
    "entries of their section's page (short_pages in hbook(5)).\n"
    "\n"
    "commands:\n"
    "  export   write the book\n"
    "  list     print the generator found and the reading order\n"
    "\n"
    "Run 'hbook export --help' for the options; see hbook(1), hbook(5).\n";

static const char usage_export[] =
    "usage: hbook export CONTENT -o BOOK.epub [options]\n"
    "\n"
    "options:\n"
    "  -o, --output FILE     the book to write (required)\n"
    "      --css FILE        use FILE as the stylesheet\n"
    "      --cover FILE      the cover, a JPEG or PNG (default: one is drawn)\n"
    "      --templates DIR   take page templates from DIR\n"
    "      --config FILE     read the settings from FILE, not CONTENT/hbook.yaml\n"
    "      --lang TAG        the book in language TAG (default: the site's)\n"
    "      --report FILE     write every link and image and what became of it\n"
    "  -j, --jobs N          work on N threads (default: one per CPU)\n"
    "      --compress fast|best  libdeflate level 1 or 12 (default 1)\n"
    "      --images reader|original|eink  pictures sized and cleaned for\n"
    "                        readers (default), as they are, or grey\n"
    "      --image-size N    the pictures' long side at most (default 1600;\n"
    "                        1200 for eink)\n"
    "      --timings         print each stage's time (scan, read, links,\n"
    "                        parse, render, pages, pack) and the total\n"
    "                        with processor time and peak memory\n"
    "      --smart           typographic quotes, dashes and ellipses\n"
    "      --kobo            a kepub for Kobo (name it BOOK.kepub.epub)\n"
    "      --strict          treat warnings as errors\n"
    "  -q, --quiet           print no warnings\n"
    "  -h, --help            show this help\n"
    "\n"
    "The environment variable SOURCE_DATE_EPOCH sets the book's\n"
    "modification date (seconds since 1970, up to the year 9999).\n"
    "-o - writes the book to standard output.\n"
    "Exit status: 0 done, 1 errors, 2 usage.\n";

/* SOURCE_DATE_EPOCH: a whole number of seconds since 1970 (the
 * reproducible-builds.org rule), up to the last second of 9999, when a
 * date has four digits.  Sets *out, -1 when it is not set.  Returns 0, or
 * -1 after a message: a usage error. */
static int
source_date(long long *out)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;

	*out = -1;
	if (s == NULL || s[0] == '\0')
		return 0;
	errno = 0;
	*out = strtoll(s, &end, 10);
	if (!isdigit((unsigned char)s[0]) || *end != '\0' || errno != 0 ||
	    *out > 253402300799LL) {
		fprintf(stderr, "hbook: SOURCE_DATE_EPOCH must be a number of "
		    "seconds since 1970, up to the year 9999 (%.40s)\n", s);
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"css", required_argument, NULL, 'c'},
		{"cover", required_argument, NULL, 'K'},
		{"templates", required_argument, NULL, 't'},
		{"config", required_argument, NULL, 'C'},
		{"lang", required_argument, NULL, 'L'},
		{"report", required_argument, NULL, 'R'},
		{"jobs", required_argument, NULL, 'j'},
		{"timings", no_argument, NULL, 'T'},
		{"compress", required_argument, NULL, 'Z'},
		{"images", required_argument, NULL, 'I'},
		{"image-size", required_argument, NULL, 'P'},
		{"smart", no_argument, NULL, 's'},
		{"kobo", no_argument, NULL, 'k'},
		{"strict", no_argument, NULL, 'S'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct export_opts o = {0};
	const char *cmd;
	int ch, quiet = 0, strict = 0, list;

#ifdef M_MMAP_THRESHOLD
	/* chapters allocate and free buffers of a few hundred kilobytes:
	 * keep them in the heap rather than mapping pages in and out */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
	/* a full disk (ulimit -f) must be an error we report, not a kill */
	signal(SIGXFSZ, SIG_IGN);
	/* zip entry times are local times: make them the same everywhere */
	setenv("TZ", "UTC", 1);
	tzset();
	if (argc < 2) {
		fputs(usage_main, stderr);
		return 2;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("hbook %s\n", HBOOK_VERSION);
		return 0;
	}
	if (strcmp(cmd, "export") != 0 && strcmp(cmd, "list") != 0) {
		fprintf(stderr, "hbook: unknown command: %s\n%s", cmd,
		    usage_main);
		return 2;
	}
	list = strcmp(cmd, "list") == 0;
	optind = 2;
	o.level = DEFAULT_LEVEL;
	while ((ch = getopt_long(argc, argv, "o:qhj:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			o.output = optarg;
			break;
		case 'c':
			o.css = optarg;
			break;
		case 'K':
			o.cover = optarg;
			break;
		case 't':
			o.templates = optarg;
			break;
		case 'C':
			o.config = optarg;
			break;
		case 'L':
			o.lang = optarg;
			break;
		case 'R':
			o.report = optarg;
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1 || n > 256) {
				fprintf(stderr, "hbook: -j wants a number of "
				    "threads, 1 to 256\n");
				return 2;
			}
			o.jobs = (int)n;
			break;
		}
		case 'T':
			o.timings = 1;
			break;
		case 'I':
			if (strcmp(optarg, "reader") == 0) {
				o.images = PICTURES_READER;
			} else if (strcmp(optarg, "original") == 0) {
				o.images = PICTURES_ORIGINAL;
			} else if (strcmp(optarg, "eink") == 0) {
				o.images = PICTURES_EINK;
			} else {
				fprintf(stderr, "hbook: --images is reader, "
				    "original or eink\n");
				return 2;
			}
			break;
		case 'P': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 100 || n > 10000) {
				fprintf(stderr, "hbook: --image-size wants the "
				    "long side in pixels, 100 to 10000\n");
				return 2;
			}
			o.image_size = (int)n;
			break;
		}
		case 'Z':
			if (strcmp(optarg, "fast") == 0) {
				o.level = 1;
			} else if (strcmp(optarg, "best") == 0) {
				o.level = 12;
			} else {
				fprintf(stderr, "hbook: --compress is fast or "
				    "best\n");
				return 2;
			}
			break;
		case 's':
			o.smart = 1;
			break;
		case 'k':
			o.kobo = 1;
			break;
		case 'S':
			strict = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage_export, stdout);
			return 0;
		case 'V':
			printf("hbook %s\n", HBOOK_VERSION);
			return 0;
		default:
			fputs(usage_export, stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "hbook: give one content folder\n%s",
		    usage_export);
		return 2;
	}
	o.content = argv[optind];
	if (list) {
		o.output = NULL;
	} else if (o.output == NULL) {
		fprintf(stderr, "hbook: give the book to write with -o FILE\n%s",
		    usage_export);
		return 2;
	}
	if (o.jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		o.jobs = n > 0 ? (int)(n > 64 ? 64 : n) : 1;
	}
	if (source_date(&o.source_date) < 0)
		return 2;
	diag_setup(quiet, strict);
	output_signals();
	dom_init();
	ch = export_run(&o);
	threads_end();
	xmlCleanupParser();
	return ch < 0 || diag_errors() > 0 ? 1 : 0;
}
