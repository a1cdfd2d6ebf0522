# hbook: Markdown health articles -> EPUB 3.
# make, make test, make install PREFIX=..., make bench, make lint, make clean.
# The build installs nothing: on a machine without the libraries it says
# which packages are missing; sh tests/setup-deps.sh installs them.

PREFIX ?= /usr/local
CC ?= cc
CFLAGS ?= -O2 -g
# librsvg and cairo are compiled against but not linked: drawlib.c loads
# them when a cover is drawn (38 of 56 libraries, 5 ms of every start)
LINKED = libcmark-gfm libxml-2.0 yaml-0.1 libzip libcrypto libpng libdeflate
LOADED = librsvg-2.0 cairo vips
WARN = -Wall -Wextra -Wshadow -Wpedantic -Wmissing-prototypes \
	-Wstrict-prototypes -Werror=incompatible-pointer-types
# the base every build shares: the normal, sanitizer and fuzz builds add
# their own flags to it
BASE = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -MMD -MP \
	$$(pkg-config --cflags $(LINKED) $(LOADED))
ALL_CFLAGS = $(BASE) $(WARN) $(CFLAGS)
LIBS = $$(pkg-config --libs $(LINKED)) -lcmark-gfm-extensions -ldl
# hbook's malloc: mimalloc (Debian's has no pkg-config file).  glibc's
# took a fifth of an export's time, more with threads; mimalloc makes it
# 17% fewer instructions and 15% less memory at 10,000 articles, where
# gperftools' tcmalloc made 14% and 14% and added 2 ms to every start
# (make bench).  The test programs and sanitizer builds keep glibc's.
ALLOC = -lmimalloc

SRCS = $(filter-out src/main.c,$(wildcard src/*.c))
OBJS = $(SRCS:src/%.c=build/%.o) build/embedded.o
EMBEDDED = templates/article.xhtml templates/section.xhtml \
	templates/title.xhtml templates/disclaimer.xhtml templates/topics.xhtml \
	templates/cover.xhtml templates/cover.svg templates/emoji.tsv \
	styles/book.css

all: hbook

hbook: build/deps.ok $(OBJS) build/main.o
	$(CC) $(ALL_CFLAGS) -o $@ build/main.o $(OBJS) $(LIBS) $(ALLOC)

# Stops with the list of missing packages when a library is not there.
build/deps.ok: tests/setup-deps.sh
	@mkdir -p build
	@sh tests/setup-deps.sh --check build
	@touch $@

build/%.o: src/%.c build/deps.ok
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/embedded.c: src/embed.sh $(EMBEDDED)
	@mkdir -p build
	sh src/embed.sh $(EMBEDDED) > $@

build/embedded.o: build/embedded.c
	$(CC) $(BASE) $(CFLAGS) -c -o $@ build/embedded.c

build/unit: tests/unit.c $(OBJS)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ tests/unit.c $(OBJS) $(LIBS)

build/spec: tests/spec.c build/regress-lib.o $(OBJS)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ tests/spec.c build/regress-lib.o $(OBJS) $(LIBS)

build/regress-lib.o: tests/regress.c build/deps.ok
	$(CC) $(ALL_CFLAGS) -DREGRESS_NO_MAIN -Isrc -c -o $@ tests/regress.c

build/tomljson: tests/tomljson.c build/regress-lib.o $(OBJS)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ tests/tomljson.c build/regress-lib.o $(OBJS) $(LIBS)

build/regress: tests/regress.c $(OBJS)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ tests/regress.c $(OBJS) $(LIBS)

# make test installs what the suite runs (EPUBCheck, MuPDF, calibre,
# DAISY Ace) when it is missing: the README's second command sets up a
# fresh machine for the tests; building never installs anything
test: hbook build/unit build/regress build/spec build/tomljson
	@sh tests/setup-deps.sh test
	@sh tests/run.sh

regen: build/regress
	build/regress --regen tests/regress

bench: hbook
	@sh tests/bench.sh

# libFuzzer targets (clang): each runs FUZZ_SECONDS, seeded from
# tests/fuzz/seeds-*; findings land in build/fuzz/ as crash-* files.
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS = $(BASE) -g -O1 -fsanitize=fuzzer-no-link,address,undefined
FUZZ_OBJS = $(SRCS:src/%.c=build/fuzz/%.o) build/fuzz/embedded.o \
	build/fuzz/regress.o
FUZZERS = build/fuzz/fuzz_markdown build/fuzz/fuzz_frontmatter build/fuzz/fuzz_links

build/fuzz/%.o: src/%.c build/deps.ok
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/embedded.o: build/embedded.c
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -c -o $@ build/embedded.c

build/fuzz/regress.o: tests/regress.c build/deps.ok
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -DREGRESS_NO_MAIN -Isrc -c -o $@ tests/regress.c

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< $(FUZZ_OBJS) $(LIBS)

fuzz: $(FUZZERS)
	@for f in $(FUZZERS); do \
		n=$${f#build/fuzz/fuzz_}; mkdir -p build/fuzz/corpus-$$n; \
		echo "fuzz: $$n for $(FUZZ_SECONDS) s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
			-artifact_prefix=build/fuzz/ build/fuzz/corpus-$$n \
			tests/fuzz/seeds-$$n || exit 1; \
	done

# The suite again with hbook and the test programs built with AddressSanitizer
# and UndefinedBehaviorSanitizer (build/asan/), and hbook under valgrind.
ASAN_CFLAGS = $(BASE) $(WARN) -g -O1 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined
ASAN_OBJS = $(SRCS:src/%.c=build/asan/%.o) build/asan/embedded.o

build/asan/%.o: src/%.c build/deps.ok
	@mkdir -p build/asan
	$(CC) $(ASAN_CFLAGS) -c -o $@ $<

build/asan/embedded.o: build/embedded.c
	@mkdir -p build/asan
	$(CC) $(BASE) -g -O1 -fsanitize=address,undefined -c -o $@ build/embedded.c

build/asan/hbook: build/asan/main.o $(ASAN_OBJS)
	$(CC) $(ASAN_CFLAGS) -o $@ build/asan/main.o $(ASAN_OBJS) $(LIBS)

build/asan/unit: tests/unit.c $(ASAN_OBJS)
	$(CC) $(ASAN_CFLAGS) -Isrc -o $@ tests/unit.c $(ASAN_OBJS) $(LIBS)

build/asan/regress: tests/regress.c $(ASAN_OBJS)
	$(CC) $(ASAN_CFLAGS) -Isrc -o $@ tests/regress.c $(ASAN_OBJS) $(LIBS)

build/asan/spec: tests/spec.c tests/regress.c $(ASAN_OBJS)
	$(CC) $(ASAN_CFLAGS) -DREGRESS_NO_MAIN -Isrc -o $@ tests/spec.c \
		tests/regress.c $(ASAN_OBJS) $(LIBS)

build/asan/tomljson: tests/tomljson.c tests/regress.c $(ASAN_OBJS)
	$(CC) $(ASAN_CFLAGS) -DREGRESS_NO_MAIN -Isrc -o $@ tests/tomljson.c \
		tests/regress.c $(ASAN_OBJS) $(LIBS)

test-asan: build/asan/hbook build/asan/unit build/asan/regress build/asan/spec \
	build/asan/tomljson
	@sh tests/setup-deps.sh test
	@BUILD=build/asan HBOOK=build/asan/hbook LIMIT_MS=10000 HBOOK_READERS=0 \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh

test-valgrind: hbook
	@command -v valgrind >/dev/null || { echo "make test-valgrind needs" \
		"valgrind: apt-get install valgrind"; exit 1; }
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
		--soname-synonyms=somalloc='*mimalloc*' \
		--suppressions=tests/valgrind.supp \
		./hbook export -q content -o build/valgrind.epub

# Static checks: 0 findings wanted; each suppression says why where it is.
lint: build/deps.ok build/embedded.c
	@sh tests/setup-deps.sh --check lint
	cppcheck --enable=warning,style,performance,portability --std=c11 \
		--inline-suppr --quiet --error-exitcode=1 -I src src/*.c
	clang-tidy --quiet src/*.c -- -std=c11 -D_POSIX_C_SOURCE=200809L \
		-D_DEFAULT_SOURCE $$(pkg-config --cflags $(LINKED) $(LOADED))

health.epub: hbook
	./hbook export content -o health.epub

install: hbook
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man5
	install -m 755 hbook $(DESTDIR)$(PREFIX)/bin/hbook
	install -m 644 man/hbook.1 $(DESTDIR)$(PREFIX)/share/man/man1/hbook.1
	install -m 644 man/hbook.5 $(DESTDIR)$(PREFIX)/share/man/man5/hbook.5

clean:
	rm -rf build hbook health.epub

-include $(wildcard build/*.d build/asan/*.d build/fuzz/*.d)

.PHONY: all test test-asan test-valgrind lint regen bench fuzz install clean
