/* fuzz_frontmatter.c: libFuzzer target for front matter and hbook.yaml
 * (meta.c, yaml.c): the input is read both as an article and as the
 * book's configuration. */
#include <stdint.h>
#include <stdlib.h>

#include "book.h"
#include "diag.h"
#include "meta.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct book *b = book_new("fuzz");
	size_t len;
	int bad;
	char *text = utf8_repair((const char *)data, size, &len, &bad);

	diag_setup(1, 0);
	config_from_text(b, text, len);
	article_from_text(b, "fuzz/a.md", text, len);
	book_free(b);
	free(text);
	config_free();
	return 0;
}
