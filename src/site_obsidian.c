/* site_obsidian.c: an Obsidian vault (obsidian.md): the folder holding
 * .obsidian/.  Notes are named by their file names, which [[wikilinks]]
 * use; .obsidian/app.json says where attachments go.  The order is the
 * file explorer's: folders, then notes, each by name. */
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "site.h"
#include "tree.h"

static int
detect(struct book *b, const char *dir, char **config)
{
	/* app.json says where attachments go; a vault may have only the
	 * others */
	static const char *const files[] = {".obsidian/app.json",
	    ".obsidian/workspace.json", ".obsidian/core-plugins.json",
	    ".obsidian/appearance.json", NULL};

	return site_find_config(b, dir, files, config);
}

static void
read(struct book *b, struct site *s)
{
	const struct ynode *m;

	s->doc = site_read_tree(b, s->config);
	m = s->doc ? ydoc_root(s->doc) : NULL;
	strlist_add(&s->content, s->dir);
	strlist_add(&s->statics, s->dir);
	if (tree_text(m, "attachmentFolderPath")) {
		const char *a = tree_text(m, "attachmentFolderPath");
		while (a[0] == '.' && a[1] == '/')
			a += 2;
		s->attachments = path_join(s->dir, a);
		strlist_add(&s->statics, s->attachments);
	}
	s->name_is_title = 1;
	s->style = URL_FILE;
}

const struct generator gen_obsidian = {"Obsidian", detect, read,
    site_pretty_urls, NULL};
