#!/bin/sh
# tests/robust/round2.sh: the second round of hostile input, sourced by
# run.sh (robust(), mk(), $W, $HBOOK, $LIMIT_MS and cpu_ms() come from
# there).  Each case is one of the thirteen the round found on an earlier
# main: symlinked settings, a race between scan and read, outputs over
# inputs and devices, quadratic names, unbounded articles, a bad
# SOURCE_DATE_EPOCH, forged report rows, terminal escapes, leftovers, the
# mode of a replaced book, and unchecked --css and --templates.

# pass NAME / fail NAME WHY
pass() { echo "ok robust: $1"; }
fail() { echo "not ok robust: $1: $2"; }

mkdir -p "$W/outside"
outside=$(cd "$W/outside" && pwd)
printf -- '---\ntitle: SECRET-OUTSIDE\n---\n\nSECRET-MARKER from outside.\n' >"$outside/secret.md"
printf 'title: SECRET-CONFIG\n' >"$outside/hbook.yaml"
# leaked BOOK: whether the outside text is in the book
leaked() { [ -f "$1" ] && unzip -p "$1" 2>/dev/null | grep -aq 'SECRET-'; }

# 1: pages: through a symbolic link to a folder outside
c=$(mk pages-symlink); printf -- "$ok_article" >"$c/a.md"; ln -s "$outside" "$c/p"
printf 'pages: p\n' >"$c/hbook.yaml"
robust pages-symlink 1 'pages: p is not a folder of the content folder'
leaked "$W/pages-symlink/book.epub" && fail pages-symlink-leak "the outside page is in the book"

# 2: a.md swapped for a link out while exporting, again and again
c=$(mk race); i=0
while [ $i -lt 300 ]; do printf -- "$ok_article" >"$c/b$i.md"; i=$((i + 1)); done
printf -- "$ok_article" >"$c/a.md"; printf -- "$ok_article" >"$W/race/real.md"
ln -s "$outside/secret.md" "$W/race/link.md"
(
	n=0
	while [ ! -f "$W/race/stop" ] && [ $n -lt 20000 ]; do
		cp -P "$W/race/link.md" "$c/.tmp" && mv -T "$c/.tmp" "$c/a.md"
		cp "$W/race/real.md" "$c/.tmp" && mv -T "$c/.tmp" "$c/a.md"
		n=$((n + 1))
	done
) &
swapper=$!
leaks=0 runs=0
while [ $runs -lt 40 ]; do
	"$HBOOK" export -q -j 2 "$c" -o "$W/race/book.epub" 2>/dev/null
	leaked "$W/race/book.epub" && leaks=$((leaks + 1))
	runs=$((runs + 1))
done
touch "$W/race/stop"
wait $swapper
[ $leaks = 0 ] && pass "race: a.md swapped for a link out, 40 exports, no leak" ||
	fail race "the outside file leaked into $leaks of $runs books"

# 3: hbook.yaml itself a link out
c=$(mk config-symlink); printf -- "$ok_article" >"$c/a.md"; ln -s "$outside/hbook.yaml" "$c/hbook.yaml"
robust config-symlink 1 "hbook\\.yaml: error: cannot read the book's configuration: a symbolic link out of the content folder"

# 4: -o a device node or a FIFO
c=$(mk output-device); printf -- "$ok_article" >"$c/a.md"
if mknod "$W/output-device/null" c 1 3 2>/dev/null; then
	"$HBOOK" export "$c" -o "$W/output-device/null" 2>"$W/output-device/err"; st=$?
	[ $st = 1 ] && [ -c "$W/output-device/null" ] && grep -q 'is not a regular file' "$W/output-device/err" &&
		pass "output-device: -o a device node is refused, the node stays" ||
		fail output-device "exit $st; $(head -c 300 "$W/output-device/err")"
else
	fail output-device "cannot make a device node (not root?)"
fi
mkfifo "$W/output-device/fifo"
"$HBOOK" export "$c" -o "$W/output-device/fifo" 2>"$W/output-device/err2"; st=$?
[ $st = 1 ] && [ -p "$W/output-device/fifo" ] && pass "output-fifo: -o a FIFO is refused" ||
	fail output-fifo "exit $st"
"$HBOOK" export -q "$c" -o - >"$W/output-device/stdout.epub" 2>/dev/null; st=$?
[ $st = 0 ] && unzip -l "$W/output-device/stdout.epub" >/dev/null 2>&1 &&
	pass "output-stdout: -o - writes the book to standard output" || fail output-stdout "exit $st"

# 5: outputs over inputs
c=$(mk over-inputs)
fresh() {    # the case's inputs, as they were
	rm -rf "$c" "$W/over-inputs/t"
	mkdir -p "$c/sleep" "$W/over-inputs/t"
	printf -- '---\ntitle: Nap\n---\n\n![a dot](dot.png)\n' >"$c/sleep/nap.md"
	printf -- '---\ntitle: Sleep\n---\n\nIntro.\n' >"$c/sleep/_index.md"
	cp tests/books/links/content/img/dot.png "$c/sleep/dot.png"
	printf 'body { margin: 0 }\n' >"$W/over-inputs/my.css"
	cp templates/title.xhtml "$W/over-inputs/t/title.xhtml"
}
over() {     # over NAME TARGET [options]: -o or --report over TARGET must fail, TARGET unchanged
	o_name=$1 o_target=$2
	shift 2
	fresh
	sum=$( (cat "$o_target" 2>/dev/null || echo none) | cksum)
	"$HBOOK" export "$c" --css "$W/over-inputs/my.css" --templates "$W/over-inputs/t" "$@" \
		>/dev/null 2>"$W/over-inputs/err"; o_st=$?
	if [ $o_st = 1 ] && [ "$( (cat "$o_target" 2>/dev/null || echo none) | cksum)" = "$sum" ] &&
	    ! grep -q 'not well-formed' "$W/over-inputs/err"; then
		pass "outputs over inputs: $o_name"
	else
		fail "outputs over inputs: $o_name" "exit $o_st; $(head -c 300 "$W/over-inputs/err")"
	fi
}
over "-o the --css file" "$W/over-inputs/my.css" -o "$W/over-inputs/my.css"
over "-o a --templates file" "$W/over-inputs/t/title.xhtml" -o "$W/over-inputs/t/title.xhtml"
over "-o a category's _index.md" "$c/sleep/_index.md" -o "$c/sleep/_index.md"
over "-o a picture of the content" "$c/sleep/dot.png" -o "$c/sleep/dot.png"
over "--report over an article" "$c/sleep/nap.md" -o "$W/over-inputs/book.epub" --report "$c/sleep/nap.md"
over "--report writing a new hbook.yaml" "$c/hbook.yaml" -o "$W/over-inputs/book.epub" --report "$c/hbook.yaml"
fresh
"$HBOOK" export -q "$c" -o "$c/book.epub" 2>/dev/null && [ -f "$c/book.epub" ] &&
	pass "outputs over inputs: a new book inside the content folder is fine" ||
	fail "outputs over inputs" "a book inside the content folder was refused"

# 6: names made unique in linear time: same-text headings, references to
# one note, colliding file names (each took 30 s on an earlier main)
linear() {   # linear NAME: exported within the pathological limit
	l_ms=$(cpu_ms "$W/$1/err")
	if [ -s "$W/$1/book.epub" ] && [ "$(cat "$W/$1/book.epub")" != previous ] &&
	    [ "$l_ms" -lt $((LIMIT_MS * 2)) ]; then
		pass "$1 in $l_ms ms of processor time"
	else
		fail "$1" "$l_ms ms of processor time, over $((LIMIT_MS * 2)), or no book"
	fi
}
c=$(mk same-headings); awk 'BEGIN { print "# T\n"; for (i = 0; i < 20000; i++) print "## Same\n\ntext\n" }' >"$c/a.md"
robust same-headings 0 'more than 5000 headings' --timings
linear same-headings
c=$(mk same-note); awk 'BEGIN { for (i = 0; i < 20000; i++) print "A claim.[^n]\n"; print "[^n]: The source." }' >"$c/a.md"
robust same-note 0 - --timings
linear same-note
c=$(mk same-names); mkdir -p "$c/cat"
awk -v d="$c/cat" 'BEGIN { for (i = 0; i < 20000; i++) { f = d "/" i ".md"; printf "---\nslug: same\n---\nx\n" > f; close(f) } }'
robust same-names 0 - --timings -q
linear same-names

# 7: articles over their limit, sparse or not, are not read
c=$(mk huge-article); printf -- "$ok_article" >"$c/a.md"; truncate -s 2G "$c/sparse.md"
head -c 17000000 /dev/zero | tr '\0' 'x' >"$c/big.md"
robust huge-article 0 "sparse\\.md: warning: over hbook's size limit" --timings
grep -q "big\\.md: warning: over hbook's size limit" "$W/huge-article/err" &&
	pass "huge-article: a 17 MB article is skipped" || fail huge-article "no warning for big.md"
mb=$(sed -n 's/.*peak memory \([0-9]*\) MB.*/\1/p' "$W/huge-article/err")
[ "${mb:-9999}" -lt 200 ] && pass "huge-article: peak memory $mb MB" || fail huge-article "peak memory ${mb:-?} MB"

# 8: SOURCE_DATE_EPOCH out of range is a usage error
c=$(mk source-date); printf -- "$ok_article" >"$c/a.md"
for v in 99999999999999999999 253402300800 -5 12abc; do
	SOURCE_DATE_EPOCH=$v "$HBOOK" export "$c" -o "$W/source-date/book.epub" 2>"$W/source-date/err"; st=$?
	[ $st = 2 ] && grep -q 'SOURCE_DATE_EPOCH must be' "$W/source-date/err" &&
		pass "SOURCE_DATE_EPOCH=$v: exit 2" || fail "SOURCE_DATE_EPOCH=$v" "exit $st"
done
SOURCE_DATE_EPOCH=253402300799 "$HBOOK" export "$c" -o "$W/source-date/book.epub" 2>/dev/null; st=$?
[ $st = 0 ] && unzip -p "$W/source-date/book.epub" EPUB/package.opf | grep -q '9999-12-31T23:59:59Z' &&
	pass "SOURCE_DATE_EPOCH: the last second of 9999" || fail "SOURCE_DATE_EPOCH=253402300799" "exit $st"

# 9: a file name with a tab and a line break forges no report row
c=$(mk report-rows); printf -- '---\ntitle: T\n---\n\n[x](missing.md) ![y](nope.png)\n' >"$c/a$(printf '\t')b
c.md"
"$HBOOK" export -q "$c" -o "$W/report-rows/book.epub" --report "$W/report-rows/r.tsv" 2>/dev/null; st=$?
[ $st = 0 ] && [ "$(wc -l <"$W/report-rows/r.tsv")" = 3 ] &&
    awk -F '\t' 'NF != 5 { bad = 1 } END { exit bad }' "$W/report-rows/r.tsv" &&
	pass "report-rows: every row has five fields" || fail report-rows "exit $st; $(cat "$W/report-rows/r.tsv")"

# 10: no escape byte reaches the terminal from names or front matter
c=$(mk terminal); printf -- '---\ntitle: T\ndate: "\033]0;pwned\007"\n---\n\n[x](missing.md)\n' >"$c/x$(printf '\033')[2Jy.md"
"$HBOOK" export "$c" -o "$W/terminal/book.epub" 2>"$W/terminal/err"; st=$?
if [ $st = 0 ] && ! tr -d '\n' <"$W/terminal/err" | LC_ALL=C grep -q "$(printf '[\001-\037]')" &&
    grep -q 'x\\x1b\[2Jy\.md' "$W/terminal/err"; then
	pass "terminal: control bytes are written as \\x1b"
else
	fail terminal "exit $st; $(od -c "$W/terminal/err" | head -3)"
fi

# 11: a killed export leaves nothing; an earlier leftover is removed
c=$(mk killed)
for n in 1 2 3; do
	awk 'BEGIN { for (p = 0; p < 36000; p++) { for (i = 0; i < 60; i++) printf "w%d ", i; print "\n" } }' >"$c/a$n.md"
done
printf previous >"$W/killed/book.epub"
touch "$W/killed/.book.epub.hbook-abc123"
(exec "$HBOOK" export -q -j 1 "$c" -o "$W/killed/book.epub" 2>/dev/null) &
pid=$!
sleep 0.4
kill -KILL $pid 2>/dev/null
wait $pid; st=$?
left=$(ls -A "$W/killed" | grep -v '^book\.epub$' | grep -v '^c$' | grep -v 'abc123$')
[ $st = 137 ] && [ "$(cat "$W/killed/book.epub")" = previous ] && [ -z "$left" ] &&
	pass "killed: SIGKILL leaves the old book and no temporary file" ||
	fail killed "exit $st; left: $left"
"$HBOOK" export -q "$c" -o "$W/killed/book.epub" 2>/dev/null; st=$?
[ $st = 0 ] && [ "$(ls -A "$W/killed" | grep -c hbook-)" = 0 ] &&
	pass "killed: the next export removes a leftover no export holds" ||
	fail killed "exit $st; $(ls -A "$W/killed")"

# 12: a replaced book keeps its mode
c=$(mk mode); printf -- "$ok_article" >"$c/a.md"
printf previous >"$W/mode/book.epub"; chmod 600 "$W/mode/book.epub"
"$HBOOK" export "$c" -o "$W/mode/book.epub" 2>/dev/null
[ "$(stat -c %a "$W/mode/book.epub")" = 600 ] && pass "mode: a 0600 book stays 0600" ||
	fail mode "$(stat -c %a "$W/mode/book.epub")"

# 13: --css and --templates go through the sanitiser
c=$(mk unsafe-style); printf -- "$ok_article" >"$c/a.md"; mkdir -p "$W/unsafe-style/t"
printf '@import url(https://tracker.example/x.css);\nbody { margin: 0; background: url("https://tracker.example/p.png") }\np { behavior: url(x.htc); color: inherit }\n' >"$W/unsafe-style/my.css"
sed 's|<head>|<head><script>alert(1)</script><link rel="stylesheet" href="https://tracker.example/t.css"/>|; s|<body|<body onload="alert(2)"|' \
	templates/title.xhtml >"$W/unsafe-style/t/title.xhtml"
robust unsafe-style 0 'removed from the template' --css "$W/unsafe-style/my.css" --templates "$W/unsafe-style/t"
grep -q '@import removed' "$W/unsafe-style/err" && ! unzip -p "$W/unsafe-style/book.epub" | grep -aq 'tracker\.example\|alert(' &&
	pass "unsafe-style: no script and no remote URL in the book" || fail unsafe-style "$(head -c 300 "$W/unsafe-style/err")"
