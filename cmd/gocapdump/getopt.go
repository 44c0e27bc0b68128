package main

import (
	"fmt"
	"strings"
)

// optSpec describes one command-line option the way getopt_long sees it.
type optSpec struct {
	short  byte   // 0 when the option has only a long name
	long   string // "" when it has only a short name
	hasArg bool
}

// opt is one parsed option.
type opt struct {
	spec *optSpec
	arg  string
}

// usageError is a command-line mistake, reported as getopt reports it.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// getopt parses args (without the program name) as glibc's getopt_long
// does for tcpdump: short options may be clustered ("-nnv"), an argument
// may be attached ("-s0") or separate ("-s 0"), long options take
// "--name=value" or "--name value" and may be abbreviated, and options may
// follow the operands ("tcpdump -r f 'port 53' -c 2"): operands are
// collected in order and returned as rest. "--" ends the options.
func getopt(args []string, specs []optSpec) (opts []opt, rest []string, err error) {
	byShort := map[byte]*optSpec{}
	byLong := map[string]*optSpec{}
	for i := range specs {
		s := &specs[i]
		if s.short != 0 {
			byShort[s.short] = s
		}
		if s.long != "" {
			byLong[s.long] = s
		}
	}
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			i++
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		if strings.HasPrefix(a, "--") {
			name, val, hasVal := strings.Cut(a[2:], "=")
			s := byLong[name]
			if s == nil {
				s = uniqueLongPrefix(byLong, name)
			}
			if s == nil {
				return nil, nil, &usageError{fmt.Sprintf("unrecognized option '--%s'", name)}
			}
			switch {
			case s.hasArg && hasVal:
				opts = append(opts, opt{s, val})
			case s.hasArg:
				if i+1 >= len(args) {
					return nil, nil, &usageError{fmt.Sprintf("option '--%s' requires an argument", s.long)}
				}
				i++
				opts = append(opts, opt{s, args[i]})
			case hasVal:
				return nil, nil, &usageError{fmt.Sprintf("option '--%s' doesn't allow an argument", s.long)}
			default:
				opts = append(opts, opt{s, ""})
			}
			continue
		}
		for j := 1; j < len(a); j++ {
			s := byShort[a[j]]
			if s == nil {
				return nil, nil, &usageError{fmt.Sprintf("invalid option -- '%c'", a[j])}
			}
			if !s.hasArg {
				opts = append(opts, opt{s, ""})
				continue
			}
			if j+1 < len(a) {
				opts = append(opts, opt{s, a[j+1:]})
			} else if i+1 < len(args) {
				i++
				opts = append(opts, opt{s, args[i]})
			} else {
				return nil, nil, &usageError{fmt.Sprintf("option requires an argument -- '%c'", a[j])}
			}
			break
		}
	}
	if i < len(args) {
		rest = append(rest, args[i:]...)
	}
	return opts, rest, nil
}

// uniqueLongPrefix lets "--vers" stand for "--version", as getopt_long
// accepts an unambiguous abbreviation.
func uniqueLongPrefix(byLong map[string]*optSpec, prefix string) *optSpec {
	var found *optSpec
	for name, s := range byLong {
		if prefix != "" && strings.HasPrefix(name, prefix) {
			if found != nil {
				return nil
			}
			found = s
		}
	}
	return found
}
