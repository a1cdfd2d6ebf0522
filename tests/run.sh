#!/bin/sh
# run.sh: hbook's whole test suite, as "make test" runs it.
#   unit tests (tests/unit.c), fixtures (tests/regress), and book tests that
#   export the sample content, the real corpora and tests/books/*, check
#   every book with EPUBCheck (0 errors, 0 warnings) and assert the
#   properties users rely on.  The last line is "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2

HBOOK=${HBOOK:-./hbook}
BUILD=${BUILD:-build}
# the pathological inputs' limit in processor time (make test-asan allows
# for the sanitizers' slowdown)
LIMIT_MS=${LIMIT_MS:-2000}
. tests/cpu.sh
OUT=tests/out
CORPORA=${CORPORA:-../shared/corpora}
rm -rf "$OUT"
mkdir -p "$OUT"
touch "$OUT/.start"
pass=0
fail=0
BOOKS=""

ok() {
	pass=$((pass + 1))
	echo "ok $1"
}
bad() {
	fail=$((fail + 1))
	echo "FAIL $1: $2"
}
# check NAME COMMAND...: passes when the command succeeds
check() {
	c_name=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$c_name"; else bad "$c_name" "failed: $*"; fi
}
# tally FILE: counts the "ok"/"not ok" lines a test program printed
tally() {
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"not ok "*) bad "${line#not ok }" "see above" ;;
		esac
	done <"$1"
}
# export NAME ARGS...: exports a book to $OUT/NAME.epub, keeping stderr in
# $OUT/NAME.err and the exit status in $rc; the book is checked later
book() {
	b_name=$1
	shift
	"$HBOOK" export "$@" -o "$OUT/$b_name.epub" 2>"$OUT/$b_name.err"
	rc=$?
	BOOKS="$BOOKS $OUT/$b_name.epub"
	# a failed export shows why, so a CI log alone explains the failure
	if [ "$rc" != 0 ]; then sed -n '1,5s/^/  /p' "$OUT/$b_name.err"; fi
}
has() { grep -q -- "$2" "$1"; }

# ---- the code's layers, unit tests and fixtures ----
python3 tests/include-graph.py src >"$OUT/include-graph.txt" 2>&1
tally "$OUT/include-graph.txt"
"$BUILD/unit" >"$OUT/unit.txt" 2>&1
tally "$OUT/unit.txt"
"$BUILD/regress" tests/regress >"$OUT/regress.txt" 2>/dev/null
tally "$OUT/regress.txt"
# the TOML reader against the TOML project's conformance suite
python3 tests/toml-test.py "$BUILD/tomljson" "$CORPORA/toml-test" >"$OUT/toml-test.txt" 2>&1
cat "$OUT/toml-test.txt"
tally "$OUT/toml-test.txt"

# the fixtures as a book: every repair and sanitiser rule must validate
mkdir -p "$OUT/fixtures-book"
cp tests/regress/*.md "$OUT/fixtures-book/"
book fixtures-book "$OUT/fixtures-book" --quiet
if [ "$rc" = 0 ]; then ok "fixtures: a book of every fixture exports"; else bad "fixtures: book" "exit $rc"; fi

# ---- the sample book ----
export SOURCE_DATE_EPOCH=
unset SOURCE_DATE_EPOCH
book sample content
if [ "$rc" = 0 ]; then ok "sample: exports"; else bad "sample: exports" "exit $rc"; fi
if [ -s "$OUT/sample.err" ]; then
	bad "sample: no diagnostics" "$(head -3 "$OUT/sample.err")"
else
	ok "sample: no diagnostics"
fi
"$HBOOK" export content -o "$OUT/sample2.epub" 2>/dev/null
check "sample: byte-identical re-export" cmp "$OUT/sample.epub" "$OUT/sample2.epub"
SOURCE_DATE_EPOCH=1700000000 "$HBOOK" export content -o "$OUT/sample-sde.epub" 2>/dev/null
unzip -p "$OUT/sample-sde.epub" EPUB/package.opf >"$OUT/sde.opf"
check "sample: SOURCE_DATE_EPOCH sets dcterms:modified" \
	has "$OUT/sde.opf" '<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>'
mkdir -p "$OUT/sample"
(cd "$OUT/sample" && unzip -q ../sample.epub)
S=$OUT/sample/EPUB
check "sample: mimetype first, stored" sh -c \
	"unzip -Z1 '$OUT/sample.epub' | head -1 | grep -qx mimetype && unzip -Zv '$OUT/sample.epub' mimetype | grep -q 'compression method:.*none'"
check "sample: dcterms:modified from the newest article date" \
	has "$S/package.opf" '<meta property="dcterms:modified">2026-11-20T00:00:00Z</meta>'
check "sample: identifier is the UUID of base_url and title" \
	has "$S/package.opf" 'urn:uuid:f52dc124-b937-5b40-824b-b4494d2d4cd7'
check "sample: identifier in the NCX" \
	has "$S/toc.ncx" 'content="urn:uuid:f52dc124-b937-5b40-824b-b4494d2d4cd7"'
for f in title publisher language description rights subject creator date source; do
	check "sample: package has dc:$f" has "$S/package.opf" "<dc:$f"
done
check "sample: the title page says where and when the text came from" \
	has "$S/text/title.xhtml" '<p class="source">From health.example.org, content as of November 20, 2026.</p>'
check "sample: an accessibility conformance claim, its pictures all having alt text" \
	has "$S/package.opf" '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>'
check "sample: a guide names the cover page (calibre shows it once)" \
	has "$S/package.opf" '<reference type="cover" title="Cover" href="text/cover.xhtml"/>'
# reading order: title page, disclaimer, then each category page and its
# articles, categories in hbook.yaml's order, articles by weight then date
grep -o 'idref="[^"]*"' "$S/package.opf" | sed 's/idref="//;s/"$//' | tr '\n' ' ' >"$OUT/spine.txt"
check "sample: reading order" grep -qx "x-cover x-title x-disclaimer x-sleep x-sleep-sleep-stages x-sleep-naps x-sleep-bedtime-routine x-nutrition x-nutrition-fibre x-nutrition-water x-nutrition-breakfast x-mind x-mind-stress-and-breathing x-mind-worry-time x-movement x-movement-walking x-movement-stretching x-topics nav " "$OUT/spine.txt"
grep -o 'src="[^"#]*' "$S/toc.ncx" | sed 's/src="text\///;s/\.xhtml$//' | uniq | tr '\n' ' ' >"$OUT/ncx-order.txt"
check "sample: NCX order is the spine order" grep -qx "disclaimer sleep sleep-sleep-stages sleep-naps sleep-bedtime-routine nutrition nutrition-fibre nutrition-water nutrition-breakfast mind mind-stress-and-breathing mind-worry-time movement movement-walking movement-stretching topics " "$OUT/ncx-order.txt"
check "sample: nav lists an article's h2 sections" \
	has "$S/nav.xhtml" 'href="text/sleep-sleep-stages.xhtml#the-stages-of-one-cycle">The stages of one cycle<'
check "sample: nav lists categories" has "$S/nav.xhtml" 'href="text/nutrition.xhtml">Nutrition<'
check "sample: landmarks toc" has "$S/nav.xhtml" 'href="nav.xhtml#toc" epub:type="toc"'
check "sample: landmarks bodymatter" has "$S/nav.xhtml" 'href="text/sleep.xhtml" epub:type="bodymatter"'
A=$S/text/sleep-sleep-stages.xhtml
check "sample: article title is the h1" has "$A" '<h1>What Happens While You Sleep</h1>'
check "sample: article category label links its page" has "$A" '<p class="category"><a href="sleep.xhtml">Sleep</a></p>'
check "sample: article lede" has "$A" '<p class="lede">A night of sleep'
check "sample: article byline" has "$A" 'By Mara Quist · Published <time datetime="2026-10-02">October 2, 2026</time>'
check "sample: lead image with alt text" has "$A" '<img src="../images/[0-9a-f]*.svg" alt="A line chart'
check "sample: related articles" has "$A" '<li><a href="sleep-naps.xhtml">How to Nap Well</a></li>'
check "sample: footnote is a pop-up note" has "$A" 'epub:type="footnote" role="doc-footnote"'
check "sample: noteref" has "$A" 'epub:type="noteref" role="doc-noteref"'
check "sample: link to another article's section" has "$S/text/sleep-naps.xhtml" 'href="sleep-sleep-stages.xhtml#the-stages-of-one-cycle"'
check "sample: section page lists its articles" has "$S/text/sleep.xhtml" '<a href="sleep-naps.xhtml">How to Nap Well</a>'
check "sample: topics index lists a tag's articles in reading order" has "$S/text/topics.xhtml" \
	'^<dd><a href="mind-stress-and-breathing.xhtml">Slow Breathing for Stress</a>, <a href="mind-worry-time.xhtml">Setting Aside Worry Time</a></dd>'
check "sample: topics index in the nav" has "$S/nav.xhtml" 'href="text/topics.xhtml">Topics<'
check "sample: cover image is the package's cover-image" has "$S/package.opf" 'href="images/cover.png" media-type="image/png" properties="cover-image"'
check "sample: EPUB 2 cover meta" has "$S/package.opf" '<meta name="cover" content="cover-image"/>'
check "sample: cover landmark" has "$S/nav.xhtml" 'href="text/cover.xhtml" epub:type="cover"'
check "sample: drawn cover is 1600 x 2560" sh -c "od -An -tx1 -j16 -N8 '$S/images/cover.png' | tr -d ' \n' | grep -qx 0000064000000a00"
if command -v mutool >/dev/null 2>&1; then
	mutool draw -q -o "$OUT/page1.png" -r 40 "$OUT/sample.epub" 1 2>/dev/null
	mutool draw -q -F txt -o "$OUT/page1.txt" "$OUT/sample.epub" 1 2>/dev/null
	# the first page is the cover: a picture, no text, and not blank
	check "sample: MuPDF's first page is the cover" sh -c "[ ! -s '$OUT/page1.txt' ] || ! grep -q '[A-Za-z]' '$OUT/page1.txt'"
	check "sample: the cover page is not blank" sh -c "[ \$(wc -c <'$OUT/page1.png') -gt 10000 ]"
	mutool draw -q -F txt -o "$OUT/sample.txt" "$OUT/sample.epub" 2>/dev/null
	check "sample: MuPDF does not print the hidden landmarks" sh -c "grep -q 'Walking for Health' '$OUT/sample.txt' && ! grep -q 'Landmarks' '$OUT/sample.txt'"
else
	bad "sample: cover rendering" "mutool not installed"
fi
"$HBOOK" export --kobo content -o "$OUT/sample.kepub.epub" 2>"$OUT/kepub.err"; rc=$?
BOOKS="$BOOKS $OUT/sample.kepub.epub"
[ $rc = 0 ] && [ ! -s "$OUT/kepub.err" ] && ok "kepub: --kobo exports" || bad "kepub" "exit $rc"
unzip -p "$OUT/sample.kepub.epub" EPUB/text/sleep-naps.xhtml >"$OUT/kepub-naps.xhtml"
check "kepub: sentences in koboSpans" has "$OUT/kepub-naps.xhtml" '<span class="koboSpan" id="kobo.3.2">A long or late one can steal from the night.</span>'
unzip -p "$OUT/sample.kepub.epub" EPUB/text/sleep-sleep-stages.xhtml >"$OUT/kepub-stages.xhtml"
check "kepub: a numbered heading is one sentence" has "$OUT/kepub-stages.xhtml" '<span class="koboSpan" id="kobo.[0-9]*.1">1. Light sleep</span>'
check "kepub: book-columns and book-inner" has "$OUT/kepub-naps.xhtml" '<body><div id="book-columns"><div id="book-inner">'
book given-cover content --cover tests/books/links/content/img/dot.png
check "cover: --cover is the cover image" sh -c "unzip -p '$OUT/given-cover.epub' EPUB/package.opf | grep -q 'href=\"images/cover.png\" media-type=\"image/png\" properties=\"cover-image\"'"

# ---- calibre reads the book as its users' own tool does ----
# HBOOK_READERS=0 (make test-asan) skips calibre and Ace: they would read
# again the same bytes the plain run checked.
if [ "${HBOOK_READERS:-1}" = 1 ]; then
	ebook-convert "$OUT/sample.epub" "$OUT/sample.azw3" >"$OUT/azw3.log" 2>&1; rc=$?
	if [ $rc = 0 ] && [ -s "$OUT/sample.azw3" ] && ! grep -q Traceback "$OUT/azw3.log"; then
		ok "calibre: ebook-convert makes an AZW3 of the sample book"
	else
		bad "calibre: AZW3" "exit $rc; see $OUT/azw3.log"
	fi
	ebook-meta "$OUT/sample.epub" --get-cover "$OUT/calibre-cover.png" >"$OUT/ebook-meta.txt" 2>&1
	M=$OUT/ebook-meta.txt
	check "calibre: title and subtitle" grep -qx 'Title *: Everyday Health: Short guides to sleep, food, mind and movement' "$M"
	check "calibre: author" grep -qx 'Author(s) *: The hbook sample writers' "$M"
	check "calibre: publisher" grep -qx 'Publisher *: hbook' "$M"
	check "calibre: language" grep -qx 'Languages *: eng' "$M"
	check "calibre: tags are the categories" grep -qx 'Tags *: Sleep, Nutrition, Mind, Movement' "$M"
	check "calibre: the cover is the drawn cover" cmp "$OUT/calibre-cover.png" "$S/images/cover.png"
	# ebook-meta prints no UUID; calibre's reader (the one it uses) keeps it
	uuid=$(sed -n 's/.*<dc:identifier id="bookid">urn:uuid:\([^<]*\)<.*/\1/p' "$S/package.opf")
	calibre-debug -c "from calibre.ebooks.metadata.meta import get_metadata
print(get_metadata(open('$OUT/sample.epub', 'rb'), 'epub').uuid)" >"$OUT/calibre-uuid.txt" 2>&1
	check "calibre: identifier ($uuid)" grep -qx "$uuid" "$OUT/calibre-uuid.txt"
	# calibre's PDF (QtWebEngine, as Kindle conversions lay out): the
	# cover once, on one page, and the title page second
	QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox ebook-convert "$OUT/sample.epub" \
		"$OUT/sample.pdf" >"$OUT/pdf.log" 2>&1
	mutool draw -q -F txt -o "$OUT/pdf-page2.txt" "$OUT/sample.pdf" 2 2>/dev/null
	check "calibre: the PDF's second page is the title page" grep -q 'Short guides to sleep' "$OUT/pdf-page2.txt"
	ebook-meta "$OUT/given-cover.epub" --get-cover "$OUT/calibre-given.png" >/dev/null 2>&1
	check "calibre: a given cover is the cover" cmp "$OUT/calibre-given.png" tests/books/links/content/img/dot.png
fi
"$HBOOK" export content --cover tests/books/links/content/files/form.pdf -o "$OUT/bad-cover.epub" 2>"$OUT/bad-cover.err"; rc=$?
[ $rc = 1 ] && has "$OUT/bad-cover.err" "the cover must be a JPEG or PNG" && ok "cover: a PDF cover is refused (1)" || bad "cover: a PDF cover" "exit $rc"
check "sample: disclaimer page" has "$S/text/disclaimer.xhtml" 'not medical advice'
check "sample: title page" has "$S/text/title.xhtml" 'Short guides to sleep, food, mind and movement'
decl=0
selfclosed=0
for f in "$S"/text/*.xhtml "$S/nav.xhtml"; do
	head -1 "$f" | grep -qx '<?xml version="1.0" encoding="utf-8"?>' || decl=$((decl + 1))
	grep -Eo '<[a-z0-9]+[^>]*/>' "$f" | grep -Ev '^<(br|hr|img|meta|link|col|wbr|area|base|embed|input|source|track)[ />]' >/dev/null && selfclosed=$((selfclosed + 1))
done
if [ $decl = 0 ]; then ok "sample: every page has the XML declaration with its encoding"; else bad "sample: XML declaration" "$decl pages without"; fi
if [ $selfclosed = 0 ]; then ok "sample: no self-closed non-void elements"; else bad "sample: self-closed elements" "$selfclosed pages"; fi
"$HBOOK" list content >"$OUT/list.txt" 2>&1
check "list: prints the reading order" grep -q "^article	1	sleep-naps.xhtml	sleep/naps.md	How to Nap Well" "$OUT/list.txt"

# ---- the real corpora ----
if [ -d "$CORPORA/vagov-content/pages" ]; then
	book vagov "$CORPORA/vagov-content/pages"
	if [ "$rc" = 0 ]; then ok "vagov: exports"; else bad "vagov: exports" "exit $rc"; fi
	book healthcare "$CORPORA/healthcare-gov-2013/_posts"
	if [ "$rc" = 0 ]; then ok "healthcare.gov: exports"; else bad "healthcare.gov: exports" "exit $rc"; fi
	# the real sites as they are, each with its settings from tests/:
	# links to pages in the book resolve inside it, images exist, no
	# template syntax is left
	book vagov-site "$CORPORA/vagov-content" --config tests/vagov.yaml \
		--report "$OUT/vagov-site.tsv"
	if [ "$rc" = 0 ]; then ok "vagov site: exports"; else bad "vagov site: exports" "exit $rc"; fi
	"$HBOOK" list "$CORPORA/vagov-content" --config tests/vagov.yaml >"$OUT/vagov-site.list" 2>/dev/null
	python3 tests/book-check.py vagov "$OUT/vagov-site.epub" \
		"$OUT/vagov-site.list" >"$OUT/vagov-book.txt" 2>&1
	cat "$OUT/vagov-book.txt"
	tally "$OUT/vagov-book.txt"
	python3 tests/corpus-check.py vagov "$CORPORA/vagov-content" pages \
		https://www.va.gov "$OUT/vagov-site.list" "$OUT/vagov-site.tsv" \
		"$OUT/vagov-site.epub" assets >"$OUT/vagov-check.txt" 2>&1
	cat "$OUT/vagov-check.txt"
	tally "$OUT/vagov-check.txt"
	# a site in two languages makes a book in its own (English) and
	# says which others it has
	book healthcare-site "$CORPORA/healthcare-gov-2013" --config tests/healthcare.yaml \
		--report "$OUT/healthcare-site.tsv"
	if [ "$rc" = 0 ]; then ok "healthcare.gov site (English): exports"; else bad "healthcare.gov site: exports" "exit $rc"; fi
	"$HBOOK" list "$CORPORA/healthcare-gov-2013" --config tests/healthcare.yaml >"$OUT/healthcare-site.list" 2>/dev/null
	check "languages: the book in the site's language leaves out the Spanish pages" sh -c "! grep -q '	es/' '$OUT/healthcare-site.list'"
	check "languages: a note names the others" grep -q "note: the site is also in es: this book is in en (export another with --lang es)" "$OUT/healthcare-site.err"
	"$HBOOK" list "$CORPORA/healthcare-gov-2013" --config tests/healthcare.yaml --lang es >"$OUT/healthcare-es.list" 2>/dev/null
	check "languages: --lang es makes the Spanish book" sh -c "grep -q '	_posts/articles/es/' '$OUT/healthcare-es.list' && ! grep -q '	_posts/articles/[0-9]' '$OUT/healthcare-es.list'"
	python3 tests/book-check.py healthcare "$OUT/healthcare-site.epub" \
		"$OUT/healthcare-site.list" >"$OUT/healthcare-book.txt" 2>&1
	cat "$OUT/healthcare-book.txt"
	tally "$OUT/healthcare-book.txt"
	unzip -p "$OUT/healthcare-site.epub" EPUB/text/topics.xhtml >"$OUT/healthcare-topics.xhtml" 2>/dev/null
	check "topics: the site's bookkeeping tags are left out" sh -c \
		"grep -q '<dt>state</dt>' '$OUT/healthcare-topics.xhtml' && ! grep -q '<dt>promote</dt>' '$OUT/healthcare-topics.xhtml'"
	check "topics: a long entry is grouped, a line per letter" sh -c \
		"test \$(grep -o 'class=\"topic-group\"' '$OUT/healthcare-topics.xhtml' | wc -l) -gt 10"
	python3 tests/corpus-check.py healthcare "$CORPORA/healthcare-gov-2013" _posts \
		https://www.healthcare.gov "$OUT/healthcare-site.list" "$OUT/healthcare-site.tsv" \
		"$OUT/healthcare-site.epub" >"$OUT/healthcare-check.txt" 2>&1
	cat "$OUT/healthcare-check.txt"
	tally "$OUT/healthcare-check.txt"
	# each site of every generator, as a user points hbook at it: its
	# root, no settings; its generator found, its links on the pages the
	# generator sends them to, its pictures in the book
	for dir in "$CORPORA"/sites/*/; do
		name=$(basename "$dir")
		case $name in
		hugo-*) gen=Hugo ;; zola-*) gen=Zola ;; mkdocs-*) gen=MkDocs ;;
		docusaurus-*) gen=Docusaurus ;; gitbook-*) gen=GitBook ;;
		jekyll-*) gen=Jekyll ;; obsidian-*) gen=Obsidian ;; *) gen=none ;;
		esac
		book "site-$name" "$dir" --report "$OUT/site-$name.tsv"
		if [ "$rc" = 0 ]; then ok "sites/$name: exports from the site's root"; else bad "sites/$name: exports" "exit $rc"; fi
		"$HBOOK" list "$dir" >"$OUT/site-$name.list" 2>/dev/null
		check "sites/$name: read as a $gen site" grep -q "^generator	$gen	" "$OUT/site-$name.list"
		# a finished book: no empty chapter, no lede twice, few one-line
		# chapters, a creator and date, the site's depth of sections
		python3 tests/book-check.py "$name" "$OUT/site-$name.epub" \
			"$OUT/site-$name.list" >"$OUT/site-$name-book.txt" 2>&1
		cat "$OUT/site-$name-book.txt"
		tally "$OUT/site-$name-book.txt"
		python3 tests/site-check.py "$name" "$dir" "$OUT/site-$name.list" \
			"$OUT/site-$name.tsv" "$OUT/site-$name.err" "$OUT/site-$name.epub" \
			>"$OUT/site-$name-check.txt" 2>&1
		cat "$OUT/site-$name-check.txt"
		tally "$OUT/site-$name-check.txt"
	done
	"$HBOOK" export -j 1 "$CORPORA/vagov-content" --config tests/vagov.yaml \
		--report "$OUT/vagov-j1.tsv" -o "$OUT/vagov-j1.epub" 2>"$OUT/vagov-j1.err"
	"$HBOOK" export -j 3 "$CORPORA/vagov-content" --config tests/vagov.yaml \
		--report "$OUT/vagov-j3.tsv" -o "$OUT/vagov-j3.epub" 2>"$OUT/vagov-j3.err"
	check "threads: -j 1 and -j 3 write the same book" cmp "$OUT/vagov-j1.epub" "$OUT/vagov-j3.epub"
	check "threads: the same report" cmp "$OUT/vagov-j1.tsv" "$OUT/vagov-j3.tsv"
	check "threads: the same diagnostics, in the same order" cmp "$OUT/vagov-j1.err" "$OUT/vagov-j3.err"
	check "report: one row per link and image, with its outcome" \
		grep -q "	link	/health-care/eligibility/	in the book: " "$OUT/vagov-site.tsv"
else
	bad "corpora" "$CORPORA not found"
fi

# ---- DAISY Ace: started now in the background, read at the end ----
ACE_BOOKS=""
if [ "${HBOOK_READERS:-1}" = 1 ]; then
	for name in sample vagov-site healthcare-site; do
		[ -f "$OUT/$name.epub" ] || continue
		ACE_BOOKS="$ACE_BOOKS $name"
		(PUPPETEER_EXECUTABLE_PATH=$(command -v chromium) ace-cli -s -f -E \
			-o "$OUT/ace-$name" "$OUT/$name.epub" >"$OUT/ace-$name.log" 2>&1
		echo $? >"$OUT/ace-$name.rc") &
	done
fi

# ---- the Markdown spec suites: text as cmark-gfm's, and a book of them ----
SPEC=$CORPORA/markdown-spec
mkdir -p "$OUT/spec-book"
"$BUILD/spec" -o "$OUT/spec-book" "$SPEC/commonmark-spec-0.31.2.txt" "$SPEC/gfm-spec.txt" \
	"$SPEC/gfm-extensions.txt" "$SPEC/cmark-regression.txt" tests/extensions.txt \
	>"$OUT/spec.txt" 2>&1
tally "$OUT/spec.txt"
# hbook attaches only the GFM extensions a text can use: the real sites'
# pages, whole, parse to the same trees as with all four
find "$CORPORA/vagov-content" "$CORPORA/healthcare-gov-2013" -name '*.md' \
	-exec "$BUILD/spec" {} + >"$OUT/trees.txt" 2>&1
tally "$OUT/trees.txt"
book spec-book "$OUT/spec-book" --quiet
if [ "$rc" = 0 ]; then ok "spec: a book of every example exports"; else bad "spec: book" "exit $rc"; fi
# cmark-gfm shares one table of the extensions' characters between parsers:
# threads must not change how an example parses
"$HBOOK" export -j 1 "$OUT/spec-book" --quiet -o "$OUT/spec-book-j1.epub" 2>/dev/null
check "threads: the spec book with -j 1 is the same book" cmp "$OUT/spec-book.epub" "$OUT/spec-book-j1.epub"

# ---- pathological Markdown: fast, and still a valid book ----
for f in "$SPEC"/pathological/*.md; do
	n=$(basename "$f" .md)
	mkdir -p "$OUT/path-$n"
	cp "$f" "$OUT/path-$n/article.md"
	book "path-$n" "$OUT/path-$n" --quiet --timings
	ms=$(cpu_ms "$OUT/path-$n.err")
	if [ "$rc" = 0 ] && [ "$ms" -lt "$LIMIT_MS" ]; then
		ok "pathological: $n exports in $ms ms of processor time"
	else
		bad "pathological: $n" "exit $rc after $ms ms of processor time"
	fi
done

# ---- whole-book cases ----
for dir in tests/books/*; do
	name=$(basename "$dir")
	[ -d "$dir/content" ] || continue
	args=""
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	# shellcheck disable=SC2086
	book "case-$name" "$dir/content" $args
	want=0
	[ -f "$dir/status" ] && want=$(cat "$dir/status")
	if [ "$rc" = "$want" ]; then ok "books/$name: exit $want"; else bad "books/$name: exit status" "got $rc, want $want"; fi
	if [ -f "$dir/expect-list" ]; then
		# shellcheck disable=SC2086
		"$HBOOK" list "$dir/content" $args 2>/dev/null >"$OUT/case-$name.list"
		if diff -u "$dir/expect-list" "$OUT/case-$name.list" >"$OUT/case-$name.diff"; then
			ok "books/$name: reading order and contents"
		else
			bad "books/$name: reading order" "$(head -20 "$OUT/case-$name.diff")"
		fi
	fi
	if [ -f "$dir/expect-err" ]; then
		sed "s|$dir/content|CONTENT|g" "$OUT/case-$name.err" >"$OUT/case-$name.err2"
		if diff -u "$dir/expect-err" "$OUT/case-$name.err2" >"$OUT/case-$name.ediff"; then
			ok "books/$name: diagnostics"
		else
			bad "books/$name: diagnostics" "$(head -20 "$OUT/case-$name.ediff")"
		fi
	fi
	if [ -f "$dir/expect-grep" ]; then
		mkdir -p "$OUT/case-$name"
		(cd "$OUT/case-$name" && unzip -qo "../case-$name.epub" 2>/dev/null)
		# FILE<TAB>PATTERN: FILE (a glob) has it; !FILE: none has it
		while IFS='	' read -r file pattern; do
			[ -n "$file" ] || continue
			case $file in
			!*)
				file=${file#!}
				# shellcheck disable=SC2086
				if (cd "$OUT/case-$name" && ls $file >/dev/null 2>&1 &&
				    ! grep -q -- "$pattern" $file); then
					ok "books/$name: no $file has $pattern"
				else
					bad "books/$name: $file" "has $pattern (or is missing)"
				fi ;;
			*)
				# shellcheck disable=SC2086
				if (cd "$OUT/case-$name" && grep -q -- "$pattern" $file 2>/dev/null); then
					ok "books/$name: $file has $pattern"
				else
					bad "books/$name: $file" "no match for $pattern"
				fi ;;
			esac
		done <"$dir/expect-grep"
	fi
	[ "$want" = 0 ] || BOOKS=$(echo "$BOOKS" | sed "s| $OUT/case-$name.epub||")
done

# short_pages: 0 keeps every page a chapter of its own
"$HBOOK" export tests/books/short-pages/content --config tests/books/short-pages/never.yaml \
	-o "$OUT/short-never.epub" 2>"$OUT/short-never.err"
check "short pages: short_pages: 0 makes each its own chapter" sh -c \
	"unzip -p '$OUT/short-never.epub' EPUB/package.opf | grep -q 'text/glossary-copay.xhtml'"

# topics: a bad setting is an error naming its line
printf 'title: T\ntopics: [promote]\n' >"$OUT/bad-topics.yaml"
"$HBOOK" export content --config "$OUT/bad-topics.yaml" -o "$OUT/bad-topics.epub" 2>"$OUT/bad-topics.err"
check "topics: a list where exclude: belongs is an error at its line" sh -c \
	"grep -q 'bad-topics.yaml:2: error: topics: should be false' '$OUT/bad-topics.err' && test ! -e '$OUT/bad-topics.epub'"

# ---- exit status, diagnostics and the atomic write ----
"$HBOOK" --help >/dev/null 2>&1; rc=$?
[ $rc = 0 ] && ok "cli: --help exits 0" || bad "cli: --help" "exit $rc"
"$HBOOK" --version 2>&1 | grep -q '^hbook [0-9]' && ok "cli: --version" || bad "cli: --version" "no version"
"$HBOOK" export --help >/dev/null 2>&1; rc=$?
[ $rc = 0 ] && ok "cli: export --help exits 0" || bad "cli: export --help" "exit $rc"
"$HBOOK" export content >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && ok "cli: missing -o is a usage error (2)" || bad "cli: missing -o" "exit $rc"
"$HBOOK" export --bogus content -o "$OUT/x.epub" >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && ok "cli: unknown option is a usage error (2)" || bad "cli: unknown option" "exit $rc"
"$HBOOK" frobnicate >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && ok "cli: unknown command is a usage error (2)" || bad "cli: unknown command" "exit $rc"
"$HBOOK" export "$OUT/no-such-folder" -o "$OUT/x.epub" 2>"$OUT/e1.err"; rc=$?
[ $rc = 1 ] && has "$OUT/e1.err" "^hbook: $OUT/no-such-folder: error: cannot open content folder" &&
	ok "errors: missing content folder (1)" || bad "errors: missing content folder" "exit $rc: $(cat "$OUT/e1.err")"
mkdir -p "$OUT/empty"
"$HBOOK" export "$OUT/empty" -o "$OUT/x.epub" 2>"$OUT/e2.err"; rc=$?
[ $rc = 1 ] && has "$OUT/e2.err" "error: no Markdown articles" &&
	ok "errors: empty folder (1)" || bad "errors: empty folder" "exit $rc"
"$HBOOK" export content/sleep/naps.md -o "$OUT/x.epub" 2>"$OUT/e3.err"; rc=$?
[ $rc = 1 ] && has "$OUT/e3.err" "error: not a folder" &&
	ok "errors: a file for the folder (1)" || bad "errors: a file for the folder" "exit $rc"
"$HBOOK" export content -o "$OUT/no-such-dir/x.epub" 2>"$OUT/e4.err"; rc=$?
[ $rc = 1 ] && has "$OUT/e4.err" "does not exist" &&
	ok "errors: output folder missing (1)" || bad "errors: output folder missing" "exit $rc"
mkdir -p "$OUT/adir.epub"
"$HBOOK" export content -o "$OUT/adir.epub" 2>"$OUT/e5.err"; rc=$?
[ $rc = 1 ] && has "$OUT/e5.err" "is a folder" &&
	ok "errors: output is a folder (1)" || bad "errors: output is a folder" "exit $rc"
# a failed export leaves the previous book as it was, and no temporary file
mkdir -p "$OUT/atomic"
cp "$OUT/sample.epub" "$OUT/atomic/book.epub"
(ulimit -f 8; "$HBOOK" export content -o "$OUT/atomic/book.epub") 2>"$OUT/e6.err"; rc=$?
[ $rc = 1 ] && has "$OUT/e6.err" "cannot write the book" &&
	ok "atomic: a full disk is an error (1)" || bad "atomic: full disk" "exit $rc: $(cat "$OUT/e6.err")"
check "atomic: the previous book is intact" cmp "$OUT/sample.epub" "$OUT/atomic/book.epub"
check "atomic: no temporary file left" test "$(ls -A "$OUT/atomic")" = "book.epub"
"$HBOOK" export --strict tests/books/frontmatter/content -o "$OUT/atomic/book.epub" 2>/dev/null; rc=$?
[ $rc = 1 ] && ok "strict: warnings make it fail (1)" || bad "strict: warnings" "exit $rc"
check "strict: the previous book is intact" cmp "$OUT/sample.epub" "$OUT/atomic/book.epub"
check "strict: no temporary file left" test "$(ls -A "$OUT/atomic")" = "book.epub"
"$HBOOK" export --quiet tests/books/frontmatter/content -o "$OUT/q.epub" 2>"$OUT/q.err"; rc=$?
[ $rc = 0 ] && [ ! -s "$OUT/q.err" ] && ok "quiet: no warnings printed" || bad "quiet" "exit $rc"

# ---- the bad-input table (tests/robust/run.sh) ----
HBOOK=$HBOOK sh tests/robust/run.sh "$OUT/robust" >"$OUT/robust.txt" 2>&1
tally "$OUT/robust.txt"
grep -A5 '^not ok' "$OUT/robust.txt" || true

# ---- pictures made for readers, read back from their bytes ----
# shellcheck disable=SC2086
python3 tests/picture-check.py 1600 $BOOKS >"$OUT/pictures.txt" 2>&1
grep -A8 '^not ok' "$OUT/pictures.txt" || true
tally "$OUT/pictures.txt"
P=tests/books/photos/content
"$HBOOK" export -q --images original "$P" -o "$OUT/photos-original.epub"
check "pictures: --images original keeps a photo byte for byte" python3 -c \
	"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); d = open(sys.argv[2], 'rb').read(); sys.exit(0 if any(z.read(n) == d for n in z.namelist()) else 1)" \
	"$OUT/photos-original.epub" "$P/photo-exif.jpg"
python3 - "$OUT/case-photos.epub" >"$OUT/upright.txt" 2>&1 <<'PY'
import struct, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    d = z.read(n)
    if n.endswith(".jpg") and d[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(d) and d[i] == 0xFF:
            m, l = d[i + 1], struct.unpack(">H", d[i + 2:i + 4])[0]
            if 0xC0 <= m <= 0xC2:
                print(struct.unpack(">HH", d[i + 5:i + 9]))
                break
            i += 2 + l
PY
check "pictures: a sideways phone photo is upright (1200 wide, 1600 high)" grep -qx '(1600, 1200)' "$OUT/upright.txt"
# a flat graphic: a palette PNG, its four colours exact (a picture with no
# colour profile is sRGB as it is, not shifted)
"$HBOOK" export -q "$P" -o "$OUT/photos-report.epub" --report "$OUT/photos.tsv"
flat=$(grep '	flat.bmp	' "$OUT/photos.tsv" | grep -o 'images/[0-9a-f]*\.png')
check "pictures: a four-colour graphic becomes a palette PNG" grep -q 'flat.bmp	embedded: .*made palette PNG 300x200' "$OUT/photos.tsv"
python3 tests/png-pixel.py "$OUT/photos-report.epub" "$flat" 10,10 200,10 10,150 200,150 >"$OUT/flat.txt" 2>&1
check "pictures: its colours are the file's, exactly" sh -c \
	"printf '200 30 30\n30 120 200\n250 250 250\n20 20 20\n' | cmp -s - '$OUT/flat.txt'"
"$HBOOK" export -q --images eink "$P" -o "$OUT/photos-eink.epub"
python3 tests/picture-check.py 1200 "$OUT/photos-eink.epub" >"$OUT/eink.txt" 2>&1
check "pictures: --images eink keeps to 1200 pixels" grep -q '^ok' "$OUT/eink.txt"
BOOKS="$BOOKS $OUT/photos-eink.epub"

# ---- safety, over every book the tests made ----
unsafe=""
for b in $BOOKS; do
	[ -f "$b" ] || continue
	# a script, an event attribute, an active URL, or /etc/passwd (the
	# target of the traversal and symlink cases) would be a hole
	if unzip -p "$b" '*.xhtml' 2>/dev/null | grep -Eiq '<script|<iframe|<object|<embed|<form|<[^>]*[[:space:]]on[a-z]+=|=[[:space:]]*["'"'"'][[:space:]]*(javascript|vbscript):' ||
	    unzip -p "$b" 2>/dev/null | grep -aq 'root:x:0:0'; then
		unsafe="$unsafe $(basename "$b")"
	fi
done
if [ -z "$unsafe" ]; then
	ok "safety: no script, event attribute, active URL or outside file in any book"
else
	bad "safety" "found in:$unsafe"
fi

written=$(find content tests/books tests/regress tests/vagov.yaml tests/healthcare.yaml \
	-newer "$OUT/.start" 2>/dev/null | head -5)
if [ -z "$written" ]; then
	ok "safety: nothing was written into the content folders the tests read"
else
	bad "safety: files written into the content" "$written"
fi

# ---- DAISY Ace's reports ----
wait
for name in $ACE_BOOKS; do
	why=$(python3 tests/ace-report.py "$OUT/ace-$name/report.json" 2>&1 | head -5)
	if [ "$(cat "$OUT/ace-$name.rc")" = 0 ] && [ -z "$why" ]; then
		ok "ace: $name.epub 0 violations"
	else
		bad "ace: $name.epub" "exit $(cat "$OUT/ace-$name.rc"); ${why:-see $OUT/ace-$name.log}"
	fi
done

# ---- EPUBCheck, one JVM for every book ----
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp /usr/share/java/epubcheck.jar \
	tests/EpubCheckAll.java $BOOKS >"$OUT/epubcheck.txt" 2>&1
for b in $BOOKS; do
	line=$(grep "^epubcheck $b " "$OUT/epubcheck.txt")
	case $line in
	*" fatals=0 errors=0 warnings=0") ok "epubcheck: $(basename "$b") 0 errors, 0 warnings" ;;
	"") bad "epubcheck: $(basename "$b")" "not checked: $(tail -3 "$OUT/epubcheck.txt")" ;;
	*) bad "epubcheck: $(basename "$b")" "${line#epubcheck }; see $OUT/epubcheck.txt" ;;
	esac
done

echo "$pass passed, $fail failed"
[ $fail = 0 ]
