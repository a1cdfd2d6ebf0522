#!/bin/sh
# tests/robust/run.sh: the bad-input table.  Each case builds its input in
# a scratch folder, runs hbook, and checks the exit status, a message, that
# nothing crashed (status > 2 or a sanitizer report), and that a failed
# export left the previous book as it was and no temporary file.
# Prints "ok ..." / "not ok ..." lines; tests/run.sh counts them.
set -u
HBOOK=${HBOOK:-./hbook}
LIMIT_MS=${LIMIT_MS:-2000}   # make test-asan allows more
. tests/cpu.sh
W=${1:-tests/out/robust}
rm -rf "$W"
mkdir -p "$W"

# robust NAME STATUS REGEX [hbook arguments...] ("-" for any message or
# none): runs hbook export on
# $W/NAME/c (the content) into $W/NAME/book.epub, where a previous book
# (the word "previous") already lies
robust() {
	name=$1 want=$2 regex=$3
	shift 3
	d=$W/$name
	printf previous >"$d/book.epub"
	"$HBOOK" export "$d/c" -o "$d/book.epub" "$@" >"$d/out" 2>"$d/err"
	got=$?
	why=""
	[ "$got" = "$want" ] || why="exit $got, want $want"
	[ "$got" -le 2 ] || why="$why; crashed"
	# "-": any message or none
	[ "$regex" = - ] || grep -Eq -- "$regex" "$d/err" || why="$why; no message /$regex/"
	grep -q "Sanitizer\|runtime error" "$d/err" && why="$why; sanitizer report"
	if [ "$got" != 0 ]; then
		[ "$(cat "$d/book.epub")" = previous ] || why="$why; previous book lost"
	fi
	ls -a "$d" | grep -q '^\.book\.epub\.' && why="$why; temporary file left"
	if [ -z "$why" ]; then
		echo "ok robust: $name"
	else
		echo "not ok robust: $name: $why"
		sed 's/^/  /' "$d/err" | head -5
	fi
}

mk() {  # mk NAME: a case folder with an empty content folder
	mkdir -p "$W/$1/c"
	echo "$W/$1/c"
}

ok_article='---\ntitle: Fine\n---\n\nA fine article.\n'

# ---- text ----
c=$(mk utf8-body); printf -- '---\ntitle: T\n---\n\nline one\nbad \377\376 bytes\n' >"$c/a.md"
robust utf8-body 0 'a\.md:6: warning: invalid UTF-8 replaced with U\+FFFD'
c=$(mk utf8-frontmatter); printf -- '---\ntitle: bad \377 title\n---\n\nBody.\n' >"$c/a.md"
robust utf8-frontmatter 0 'a\.md:2: warning: invalid UTF-8'
c=$(mk nul-bytes); printf 'text\000with\000nuls\n' >"$c/a.md"
robust nul-bytes 0 'a\.md:1: warning: invalid UTF-8 replaced'
c=$(mk utf16); printf '\377\376#\000 \000T\000\n\000' >"$c/a.md"; printf -- "$ok_article" >"$c/b.md"
robust utf16 0 'a\.md:1: warning: UTF-16 text: save it as UTF-8; skipped'
c=$(mk crlf-cr); printf -- '---\r\ntitle: CRLF\r\n---\r\n\r\nBody\r\n' >"$c/a.md"; printf 'Lone\rCR\rlines\r' >"$c/b.md"
robust crlf-cr 0 -
c=$(mk long-line); awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "word%d ", i % 10; print "" }' >"$c/a.md"
robust long-line 0 'longer than 32 KB is written as preformatted text'
c=$(mk big-article); awk 'BEGIN { for (p = 0; p < 38000; p++) { for (i = 0; i < 60; i++) printf "word%d ", i; print "\n" } }' >"$c/a.md"
robust big-article 0 - --timings
# 15.6 MB of Markdown in one chapter, just under the 16 MB an article may
# be, in time linear in its size (an output buffer grown to the exact size
# at each write once took minutes with the sanitizers)
ms=$(cpu_ms "$W/big-article/err")
if [ "$ms" -lt $((LIMIT_MS * 5)) ]; then
	echo "ok robust: big-article in $ms ms of processor time"
else
	echo "not ok robust: big-article: $ms ms of processor time, over $((LIMIT_MS * 5))"
fi
c=$(mk deep-nesting); awk 'BEGIN { for (i = 0; i < 50000; i++) printf ">"; print " deep"; for (i = 0; i < 50000; i++) printf "<div>"; print "x" }' >"$c/a.md"
robust deep-nesting 0 'nested deeper than'
c=$(mk empty-file); : >"$c/empty.md"
robust empty-file 0 -
c=$(mk only-frontmatter); printf -- '---\ntitle: Nothing else\n---\n' >"$c/a.md"
robust only-frontmatter 0 -

# ---- YAML ----
c=$(mk yaml-unclosed); printf -- '---\ntitle: Open\n\nBody.\n' >"$c/a.md"; printf -- "$ok_article" >"$c/b.md"
robust yaml-unclosed 0 'a\.md:1: warning: front matter opened on the first line is never closed; skipped'
c=$(mk yaml-tabs); printf -- '---\ntitle: T\ntags:\n\t- a\n---\nBody.\n' >"$c/a.md"
robust yaml-tabs 0 'a\.md:[0-9]+: warning: bad front matter: .*used the file name as the title'
c=$(mk yaml-duplicate); printf -- '---\ntitle: One\ntitle: Two\n---\nBody.\n' >"$c/a.md"
robust yaml-duplicate 0 "a\.md:3: warning: duplicate key 'title': the last one is used"
c=$(mk yaml-anchors); printf -- '---\nbase: &b Sleep\ntitle: *b\ntags: [*b, x]\n---\nBody.\n' >"$c/a.md"
robust yaml-anchors 0 -
c=$(mk yaml-bomb); {
	printf -- '---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	prev=a
	for n in b c d e f g h i; do
		printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $n $n $prev $prev $prev $prev $prev $prev $prev $prev $prev
		prev=$n
	done
	printf 'tags: *i\ntitle: Bomb\n---\nBody.\n'
} >"$c/a.md"
robust yaml-bomb 0 -
c=$(mk yaml-not-mapping); printf -- '---\n- a list\n- not fields\n---\nBody.\n' >"$c/a.md"
robust yaml-not-mapping 0 'a\.md:2: warning: front matter is not a mapping'
c=$(mk yaml-garbage); { printf -- '---\n'; head -c 2000 /dev/urandom | tr -d '\n-'; printf '\n---\nBody.\n'; } >"$c/a.md"
robust yaml-garbage 0 'a\.md:[0-9]+: warning'
c=$(mk toml-bad); printf '+++\ntitle = "T\nx = [1,\n+++\nBody.\n' >"$c/a.md"
robust toml-bad 0 'a\.md:2: warning: bad front matter: newline in a string; used the file name'
c=$(mk toml-unclosed); printf '+++\ntitle = "T"\nBody.\n' >"$c/a.md"; printf -- "$ok_article" >"$c/b.md"
robust toml-unclosed 0 'a\.md:1: warning: front matter opened on the first line is never closed; skipped'
c=$(mk config-bad); printf -- "$ok_article" >"$c/a.md"; printf 'title: [unclosed\n' >"$c/hbook.yaml"
robust config-bad 1 'hbook\.yaml:1: error: bad YAML'

# ---- files ----
c=$(mk symlink-loop); printf -- "$ok_article" >"$c/a.md"; ln -s . "$c/loop"; ln -s self.md "$c/self.md"
robust symlink-loop 0 'self\.md: warning: symbolic link'
c=$(mk symlink-out); printf -- "$ok_article" >"$c/a.md"; ln -s /etc/passwd "$c/passwd.md"; ln -s /etc "$c/etc"
robust symlink-out 0 'passwd\.md: warning: symbolic link to a file outside the content folder; skipped'
c=$(mk fifo); printf -- "$ok_article" >"$c/a.md"; mkfifo "$c/pipe.md"
robust fifo 0 'pipe\.md: warning: not a regular file; skipped'
c=$(mk odd-names); printf -- "$ok_article" >"$c/with space.md"; printf -- "$ok_article" >"$c/ünïcødé.md"
printf -- "$ok_article" >"$c/-dash.md"; printf -- "$ok_article" >"$c/new
line.md"
robust odd-names 0 -
c=$(mk empty-folder)
robust empty-folder 1 'error: no Markdown articles'

# ---- output ----
c=$(mk output-is-input); printf -- "$ok_article" >"$c/a.md"
"$HBOOK" export "$c" -o "$c/a.md" >/dev/null 2>"$W/output-is-input/err"; st=$?
if [ $st = 1 ] && grep -q "is where the export reads its content\|is one of the files the export reads" "$W/output-is-input/err" &&
    grep -q "A fine article" "$c/a.md"; then
	echo "ok robust: output-is-input"
else
	echo "not ok robust: output-is-input: exit $st"
fi
c=$(mk interrupted); awk 'BEGIN { for (p = 0; p < 200000; p++) { for (i = 0; i < 60; i++) printf "w%d ", i; print "\n" } }' >"$c/a.md"
printf previous >"$W/interrupted/book.epub"
"$HBOOK" export -q "$c" -o "$W/interrupted/book.epub" 2>"$W/interrupted/err" &
pid=$!
sleep 0.3
kill -TERM $pid 2>/dev/null
wait $pid; st=$?
if [ $st = 1 ] && [ "$(cat "$W/interrupted/book.epub")" = previous ] &&
    ! ls -a "$W/interrupted" | grep -q '^\.book\.epub\.'; then
	echo "ok robust: interrupted (SIGTERM): exit 1, previous book intact"
else
	echo "not ok robust: interrupted: exit $st"
fi

# ---- the second round (tests/robust/round2.sh) ----
. tests/robust/round2.sh

# ---- permissions: run as nobody, since root reads and writes anything ----
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	asnobody() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
	abs=$(cd "$(dirname "$HBOOK")" && pwd)/$(basename "$HBOOK")
	c=$(mk unreadable); printf -- "$ok_article" >"$c/a.md"; printf -- "$ok_article" >"$c/secret.md"
	mkdir -p "$c/locked"; printf -- "$ok_article" >"$c/locked/b.md"
	chmod 000 "$c/secret.md" "$c/locked"
	chown 65534:65534 "$W/unreadable"
	asnobody "$abs" export "$c" -o "$W/unreadable/book.epub" >/dev/null 2>"$W/unreadable/err"; st=$?
	if [ $st = 0 ] && grep -q "secret.md: warning: cannot read (Permission denied); skipped" "$W/unreadable/err" &&
	    grep -q "locked: warning: cannot read folder (Permission denied); skipped" "$W/unreadable/err"; then
		echo "ok robust: unreadable file and folder: warnings, skipped"
	else
		echo "not ok robust: unreadable: exit $st"; sed 's/^/  /' "$W/unreadable/err" | head -3
	fi
	chmod 755 "$c/locked"
	c=$(mk readonly-target); printf -- "$ok_article" >"$c/a.md"
	printf previous >"$W/readonly-target/book.epub"
	chmod 755 "$W/readonly-target"
	asnobody "$abs" export "$c" -o "$W/readonly-target/book.epub" >/dev/null 2>"$W/readonly-target/err"; st=$?
	if [ $st = 1 ] && grep -q "not writable" "$W/readonly-target/err" &&
	    [ "$(cat "$W/readonly-target/book.epub")" = previous ]; then
		echo "ok robust: read-only target folder: error, previous book intact"
	else
		echo "not ok robust: read-only target folder: exit $st"; sed 's/^/  /' "$W/readonly-target/err" | head -3
	fi
else
	echo "not ok robust: permissions: needs root and setpriv to run as nobody"
fi
