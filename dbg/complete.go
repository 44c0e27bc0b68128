package dbg

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/gocapdump/gocapdump/linktype"
)

// Complete returns the possible completions of a command line typed up to
// the cursor, for tab completion in an interactive shell. Each is the whole
// line up to the cursor with its last word completed: a command name, a
// load subcommand, a file name after "load pcap", a link type name, or a
// fixed argument word (breakpoint reset, set's fields, mode and syntax
// names...). A completed word that needs nothing more ends in a space; a
// directory ends in "/". The list is sorted and empty when nothing fits.
func (s *Session) Complete(prefix string) []string {
	line := strings.TrimLeft(prefix, " \t")
	lead := prefix[:len(prefix)-len(line)]
	i := strings.IndexAny(line, " \t")
	if i < 0 {
		var names []string
		for _, c := range commands {
			names = append(names, c.name)
		}
		return completeWord(lead, line, names, " ")
	}
	c, err := lookupCommand(line[:i])
	if err != nil {
		return nil
	}
	words := c.args
	switch c.name {
	case "help":
		for _, c := range commands {
			words = append(words, c.name)
		}
	case "linktype":
		words = []string{"auto"}
		for _, info := range linktype.All() {
			words = append(words, info.Name)
		}
	case "load":
		rest := strings.TrimLeft(line[i:], " \t")
		if j := strings.IndexAny(rest, " \t"); j >= 0 {
			sub := rest[:j]
			if !strings.HasPrefix("pcap", sub) {
				return nil
			}
			arg := strings.TrimLeft(rest[j:], " \t")
			return s.completeFile(prefix[:len(prefix)-len(arg)], arg)
		}
	}
	// Complete the last word among the command's fixed words.
	j := strings.LastIndexAny(prefix, " \t") + 1
	return completeWord(prefix[:j], prefix[j:], words, " ")
}

// completeWord returns head+w+suffix for each word w that starts with
// partial, sorted and without duplicates.
func completeWord(head, partial string, words []string, suffix string) []string {
	var out []string
	for _, w := range words {
		if strings.HasPrefix(w, partial) {
			out = append(out, head+w+suffix)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// completeFile completes a file name: the entries of its directory that
// start with its last element, directories with a "/".
func (s *Session) completeFile(head, partial string) []string {
	dir, base := filepath.Split(partial)
	list := dir
	switch {
	case list == "":
		list = "."
	case len(list) > 1:
		list = strings.TrimSuffix(list, "/")
	}
	entries, err := s.opts.ReadDir(list)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || (base == "" && strings.HasPrefix(name, ".")) {
			continue
		}
		if e.IsDir() {
			out = append(out, head+dir+name+"/")
		} else {
			out = append(out, head+dir+name+" ")
		}
	}
	slices.Sort(out)
	return out
}
