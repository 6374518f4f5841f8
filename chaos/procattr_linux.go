package main

import "syscall"

// childAttr puts a child in its own process group, so a Ctrl-C reaches
// only chaos, which stops the children in order; and kills the child if
// chaos itself dies without cleaning up.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
