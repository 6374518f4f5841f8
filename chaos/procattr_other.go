//go:build unix && !linux

package main

import "syscall"

// childAttr puts a child in its own process group, so a Ctrl-C reaches
// only chaos, which stops the children in order.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
