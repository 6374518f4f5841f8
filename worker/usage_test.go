package main

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/codec"
)

func TestHelpListsEveryVariableAndStartsNothing(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		t.Run(arg, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := cli([]string{arg}, &out, &errOut, func() error { t.Fatal("the help started the worker"); return nil })
			require.Equal(t, 0, code, errOut.String())
			assert.Empty(t, errOut.String())
			help := out.String()
			typ := reflect.TypeOf(config{})
			for i := range typ.NumField() {
				f := typ.Field(i)
				name := f.Tag.Get("envconfig")
				if name == "" {
					continue
				}
				assert.Contains(t, help, name)
				assert.NotEmpty(t, f.Tag.Get("desc"), "%s has no description", name)
				assert.Contains(t, help, f.Tag.Get("desc"))
				assert.Contains(t, help, f.Tag.Get("default"))
			}
			assert.Contains(t, help, codec.EnvEncryptionKey)
			assert.Contains(t, help, codec.EnvDecryptionKeys)
			assert.Regexp(t, `ZENDESK_URL +http://127\.0\.0\.1:8801 +Zendesk`, help, "a variable's default on its line")
		})
	}
}

func TestCLIExitStatus(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		runErr  error
		want    int
		ran     bool
		stderr  string
		noUsage bool
	}{
		{name: "unknown flag", args: []string{"-verbose"}, want: 2, stderr: "-verbose"},
		{name: "argument", args: []string{"full"}, want: 2, stderr: `unexpected argument "full"`},
		{name: "no arguments runs the worker", want: 0, ran: true, noUsage: true},
		{name: "a failing worker", runErr: errors.New("ZENDESK_URL: boom"), want: 1, ran: true, stderr: "crmsync worker: ZENDESK_URL: boom", noUsage: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			ran := false
			code := cli(tc.args, &out, &errOut, func() error { ran = true; return tc.runErr })
			assert.Equal(t, tc.want, code)
			assert.Equal(t, tc.ran, ran)
			assert.Empty(t, out.String(), "only the help goes to stdout")
			assert.Contains(t, errOut.String(), tc.stderr)
			if tc.noUsage {
				assert.NotContains(t, errOut.String(), "usage:")
			} else {
				assert.Contains(t, errOut.String(), "usage: worker")
			}
		})
	}
}
