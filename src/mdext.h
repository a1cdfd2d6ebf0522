/* mdext.h: Markdown extensions sites use beyond CommonMark and GFM, done
 * on cmark-gfm's tree once it is parsed: Obsidian's [[wikilinks]] and
 * ![[embeds]]. */
#ifndef HBOOK_MDEXT_H
#define HBOOK_MDEXT_H

#include <cmark-gfm.h>

/* The scheme a wikilink's address is given, for links.c to resolve by
 * the note's name: "hbook-wikilink:Note#Heading". */
#define WIKILINK_SCHEME "hbook-wikilink:"

/* Turns the [[Note]], [[Note|label]], [[Note#Heading]] and ![[picture]]
 * in doc's text (not in code) into links and images to WIKILINK_SCHEME
 * addresses. */
void mdext_wikilinks(cmark_node *doc);

/* A custom node whose on_enter starts with MDEXT_ELEMENT is an element
 * markdown.c renders as such: "\001name", or "\001name\001attr\001value". */
#define MDEXT_ELEMENT '\001'
cmark_node *mdext_element(cmark_node_type type, const char *name,
    const char *attr, const char *value);

/* The extensions of Python-Markdown, kramdown and GitHub that sites use,
 * in doc's text (not code, links or images): definition lists ("Term",
 * then ":   definition"), abbreviations ("*[WHO]: World Health
 * Organization" makes every WHO an <abbr>), ==mark== and :emoji:
 * shortcodes (gemoji's names, from templates/emoji.tsv).  text, len: the
 * Markdown doc was parsed from; a pass runs only when it has its mark. */
void mdext_extensions(cmark_node *doc, const char *text, size_t len);

/* Frees what mdext_extensions() left in doc's nodes (headings' ids); before
 * cmark_node_free(doc). */
void mdext_free(cmark_node *doc);

#endif
