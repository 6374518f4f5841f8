package main

import (
	"fmt"
	"io"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
)

// clientOptions are the starter's connection settings, read from the
// environment, with the worker's encryption when a key is set.
func clientOptions() (client.Options, error) {
	opts := client.Options{HostPort: env("TEMPORAL_ADDRESS", "127.0.0.1:7233"),
		Namespace: env("TEMPORAL_NAMESPACE", "default"), Logger: quietLogger{}}
	return opts, encrypt(&opts)
}

// dial connects to Temporal; on failure it says why on stderr, each line
// starting with who, and returns the exit code.
func dial(who string, stderr io.Writer) (client.Client, client.Options, int) {
	opts, err := clientOptions()
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", who, err)
		return nil, opts, 2
	}
	c, err := client.Dial(opts)
	if err != nil {
		fmt.Fprintf(stderr, "%s: connect to Temporal: %v\n", who, err)
		return nil, opts, 1
	}
	return c, opts, 0
}

// dataConverter is the converter a client dialled with opts uses: the
// schedule's stored input comes back as raw payloads to decode with it.
func dataConverter(opts client.Options) converter.DataConverter {
	if opts.DataConverter != nil {
		return opts.DataConverter
	}
	return converter.GetDefaultDataConverter()
}
