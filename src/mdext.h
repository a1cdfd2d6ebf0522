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

#endif
