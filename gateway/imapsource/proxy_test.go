package imapsource_test

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
)

// proxy sits between the reader and a server so that tests can cut every
// connection, hide capabilities, or kill the stream when a given message
// goes by (the shape of a server or parser that chokes on one message).
type proxy struct {
	t      *testing.T
	ln     net.Listener
	target string

	mu       sync.Mutex
	conns    []net.Conn
	hide     []string // capabilities removed from CAPABILITY lists
	killOn   []byte   // cut the connection when the server sends this
	killed   int
	accepted int
}

func newProxy(t *testing.T, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{t: t, ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.dropAll() })
	go p.serve()
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		target := p.target
		p.accepted++
		p.mu.Unlock()
		s, err := net.Dial("tcp", target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, s)
		p.mu.Unlock()
		go func() { io.Copy(s, c); s.Close(); c.Close() }()
		go p.down(s, c)
	}
}

// down copies server → client line by line, applying the faults.
func (p *proxy) down(s, c net.Conn) {
	defer s.Close()
	defer c.Close()
	r := bufio.NewReaderSize(s, 64<<10)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			p.mu.Lock()
			hide, kill := p.hide, p.killOn
			p.mu.Unlock()
			if kill != nil && bytes.Contains(line, kill) {
				p.mu.Lock()
				p.killed++
				p.mu.Unlock()
				return
			}
			if len(hide) > 0 && bytes.Contains(line, []byte("CAPABILITY")) {
				l := string(line)
				for _, h := range hide {
					l = strings.ReplaceAll(l, " "+h, "")
				}
				line = []byte(l)
			}
			if _, werr := c.Write(line); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// dropAll cuts every open connection, as a server restart or a network
// failure would.
func (p *proxy) dropAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *proxy) set(fn func(p *proxy)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fn(p)
}
