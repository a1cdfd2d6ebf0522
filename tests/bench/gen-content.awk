# gen-content.awk: writes a content folder of N articles shaped like a
# health site's, for make bench.  Deterministic for a given N.
#   awk -v n=1000 -v out=DIR -f tests/bench/gen-content.awk
# Each article: front matter, 5 to 7 KB of Markdown with h2/h3 sections,
# lists, a table, a footnote, links to other articles; every third one has
# a small image.
function pick(arr, k) { return arr[int(rand() * k) + 1] }
function sentence(   s, w, i) {
	w = 8 + int(rand() * 12)
	s = toupper(substr(pick(words, nw), 1, 1))
	s = s substr(pick(words, nw), 2)
	for (i = 1; i < w; i++)
		s = s " " pick(words, nw)
	return s "."
}
function para(   p, i, k) {
	k = 3 + int(rand() * 3)
	p = sentence()
	for (i = 1; i < k; i++)
		p = p " " sentence()
	return p
}
function slug(i) { return sprintf("topic-%05d", i) }
BEGIN {
	srand(42)
	nw = split("sleep heart blood pressure vitamin iron zinc fibre water " \
	    "stress breathing walking muscle bone joint skin doctor nurse " \
	    "pharmacist dose tablet daily weekly adults children older people " \
	    "risk benefit symptom sign treatment therapy exercise diet protein " \
	    "sugar salt fat energy mood memory brain immune infection fever " \
	    "cough rest recovery habit routine evidence study research common " \
	    "rare mild severe chronic acute early late healthy balanced regular " \
	    "gentle brisk slow fast helps reduces improves supports protects " \
	    "lowers raises may can should often usually sometimes the a of " \
	    "and to in for with on at from by about", words, " ")
	ncat = split("sleep nutrition heart mind movement skin medicines " \
	    "children ageing infections", cats, " ")
	system("mkdir -p '" out "/images'")
	for (c = 1; c <= ncat; c++) {
		system("mkdir -p '" out "/" cats[c] "'")
		f = out "/" cats[c] "/_index.md"
		printf("---\ntitle: %s\ndescription: %s\n---\n\n%s\n", \
		    toupper(substr(cats[c], 1, 1)) substr(cats[c], 2), sentence(), \
		    para()) > f
		close(f)
	}
	for (i = 1; i <= n; i++) {
		c = (i % ncat) + 1
		f = out "/" cats[c] "/" slug(i) ".md"
		r1 = (i * 7 + 3) % n + 1
		r2 = (i * 13 + 5) % n + 1
		printf("---\ntitle: \"%s %d\"\ndescription: \"%s\"\n", \
		    "Guide to " pick(words, nw) " and " pick(words, nw), i, \
		    sentence()) > f
		printf("date: %04d-%02d-%02d\n", 2015 + i % 10, 1 + i % 12, \
		    1 + i % 28) > f
		printf("tags: [%s, %s]\nauthor: Writer %d\nrelated: [%s, %s]\n", \
		    pick(words, nw), cats[c], i % 17, slug(r1), slug(r2)) > f
		if (i % 3 == 0) {
			printf("image: /images/img-%d.png\nimage_alt: %s\n", \
			    i % 9 / 3 + 1, sentence()) > f
		}
		printf("---\n\n%s\n\n", para()) > f
		for (s = 1; s <= 5; s++) {
			printf("## %s %s\n\n%s\n\n", toupper(substr(pick(words, nw), 1, 1)), \
			    pick(words, nw) " " s, para()) > f
			printf("### 1. %s\n\n%s See [%s](../%s/%s.md).\n\n", pick(words, nw), \
			    para(), "related topic", cats[(r1 % ncat) + 1], slug(r1)) > f
			if (s == 2) {
				printf("- %s\n- %s\n- %s\n\n", sentence(), sentence(), \
				    sentence()) > f
				printf("| Item | Amount | Note |\n|:--|--:|:--|\n") > f
				for (k = 1; k <= 4; k++)
					printf("| %s | %d mg | %s |\n", pick(words, nw), \
					    k * 25, pick(words, nw)) > f
				printf("\n") > f
			}
			if (s == 3)
				printf("%s[^n%d]\n\n[^n%d]: %s\n\n", para(), s, s, \
				    sentence()) > f
		}
		close(f)
	}
}
