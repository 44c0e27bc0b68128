package oserr

import (
	"errors"
	"os"
	"testing"
)

func TestText(t *testing.T) {
	_, err := os.Open("/nonexistent/file")
	if got := Text(err); got != "No such file or directory" {
		t.Errorf("Text(%v) = %q", err, got)
	}
	if got := Text(errors.New("plain")); got != "plain" {
		t.Errorf("Text(plain) = %q", got)
	}
}
