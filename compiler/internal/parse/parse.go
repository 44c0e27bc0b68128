package parse

import (
	"errors"
	"fmt"
	"strings"
)

// SoftError may be implemented by a Builder error that libpcap records
// only when no error is recorded yet (its bpf_set_error rather than
// bpf_error). If the lexer has already recorded an error in the lookahead
// token when such a Builder error occurs, Parse reports the lexer's error
// instead. Builder errors that do not implement it always win.
type SoftError interface {
	error
	Soft() bool
}

// errSyntax is yyerror's text for every grammar error.
var errSyntax = errors.New("can't parse filter expression: syntax error")

// errTooDeep is what bison reports when its stack outgrows YYMAXDEPTH.
var errTooDeep = errors.New("can't parse filter expression: memory exhausted")

// qualUndef is the qualifier the grammar gives terms that are not
// qualified identifiers (libpcap's Q_UNDEF in every field): a bare
// identifier after such a term inherits it.
var qualUndef = Qual{Proto: 255, Dir: 255, Addr: 255}

// Parse parses a pcap-filter(7) expression and calls b for each construct
// as libpcap's grammar reduces it, finishing with b.Finish, or b.Empty for
// an expression without tokens. The first error stops the parse: Builder
// errors are returned unchanged, and the parser's own errors carry
// libpcap's texts. As in libpcap, the expression ends at the first NUL
// byte.
func Parse(expr string, b Builder) error {
	if i := strings.IndexByte(expr, 0); i >= 0 {
		expr = expr[:i]
	}
	p := &parser{lx: lexer{src: expr}, b: b}
	if p.peek().kind == kindEOF {
		return b.Empty()
	}
	e, q, err := p.term(qualUndef)
	if err == nil {
		e, _, err = p.chain(e, q, true)
	}
	if err != nil {
		return err
	}
	if p.peek().kind != kindEOF {
		return p.syntaxError()
	}
	return b.Finish(e)
}

// parser is a recursive-descent parser that accepts the language of
// libpcap's LALR grammar and calls the Builder at the moments the LALR
// parser reduces. Where the LALR parser, on a token it cannot use, still
// completes a construct before failing (it does whenever the state it is
// in has a default reduction), this parser does the same, so that a
// Builder error from that construct wins over the syntax error just as in
// libpcap.
type parser struct {
	lx lexer
	b  Builder

	tok  token // the lookahead, valid when have is set
	have bool
	// lexErr is the first error the lexer recorded; libpcap keeps the
	// first error recorded, so it wins over later syntax and semantic
	// errors of the parser (but not over the Builder's).
	lexErr error
	// depth approximates the height of bison's parser stack, whose
	// overflow libpcap reports as "memory exhausted".
	depth int
}

// maxDepth is bison's YYMAXDEPTH. depth counts the stack entries that
// nesting adds; stackBase stands for the few that every parse has below
// and above them (the initial state, the empty "null" symbol, the symbols
// of the innermost construct), which vary by a few with the construct, so
// the depth at which "memory exhausted" is reported can differ from
// libpcap's by a few levels.
const (
	maxDepth  = 10000
	stackBase = 4
)

func (p *parser) peek() token {
	if !p.have {
		p.tok = p.lx.next()
		p.have = true
		if p.tok.err != nil && p.lexErr == nil {
			p.lexErr = p.tok.err
		}
	}
	return p.tok
}

func (p *parser) take() token {
	t := p.peek()
	p.have = false
	return t
}

// fail returns the parser's own error, unless the lexer recorded one first.
func (p *parser) fail(err error) error {
	if p.lexErr != nil {
		return p.lexErr
	}
	return err
}

func (p *parser) syntaxError() error { return p.fail(errSyntax) }

func (p *parser) failf(format string, args ...any) error {
	return p.fail(fmt.Errorf(format, args...))
}

// builderError passes a Builder error on, except for a soft one that an
// earlier lexer error outranks.
func (p *parser) builderError(err error) error {
	var soft SoftError
	if p.lexErr != nil && errors.As(err, &soft) && soft.Soft() {
		return p.lexErr
	}
	return err
}

// expect consumes a token of kind k or fails with a syntax error.
func (p *parser) expect(k kind) (token, error) {
	t := p.peek()
	if t.kind != k {
		return t, p.syntaxError()
	}
	return p.take(), nil
}

// enter and leave bracket each construct that nests; n is how many
// entries it holds on bison's stack while its inner part is parsed.
func (p *parser) enter(n int) error {
	p.depth += n
	if p.depth+stackBase >= maxDepth {
		return p.fail(errTooDeep)
	}
	return nil
}

func (p *parser) leave(n int) { p.depth -= n }
