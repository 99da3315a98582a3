// Package smtpsink is a real SMTP server (go-smtp) that keeps what it
// receives in memory: the demo shows the mail ticketgate sends through it,
// and tests inspect that mail and make the server fail on demand (a 4xx or
// 5xx at a chosen stage, a stop and a restart on the same port).
package smtpsink

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/mail"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Message is one mail as received.
type Message struct {
	From   string   // MAIL FROM
	To     []string // RCPT TO
	Data   []byte
	Header mail.Header
	At     time.Time
}

// Stage is the SMTP command a fault answers.
type Stage string

// Stages a fault can be injected at.
const (
	StageMail Stage = "MAIL"
	StageRcpt Stage = "RCPT"
	StageData Stage = "DATA"
)

// Sink is a running server.
type Sink struct {
	mu       sync.Mutex
	msgs     []Message
	faults   map[Stage]*smtp.SMTPError
	user     string
	password string
	deliver  func(Message) error
	tls      *tls.Config
	implicit bool
	roots    *x509.CertPool
	notify   chan struct{}
	srv      *smtp.Server
	ln       net.Listener
	addr     string
}

// Options configure a sink.
type Options struct {
	// Addr to listen on; default 127.0.0.1:0.
	Addr string
	// Username and Password, when set, are required (AUTH PLAIN).
	Username, Password string
	// TLS offers STARTTLS, or with Implicit serves TLS from the first
	// byte, with a certificate for 127.0.0.1 made at start (see RootCAs).
	TLS, Implicit bool
	// Deliver, when set, is called with each message before it is kept;
	// an error refuses the message.
	Deliver func(Message) error
}

// Start listens and serves until Close.
func Start(opt Options) (*Sink, error) {
	if opt.Addr == "" {
		opt.Addr = "127.0.0.1:0"
	}
	s := &Sink{faults: map[Stage]*smtp.SMTPError{}, user: opt.Username, password: opt.Password, deliver: opt.Deliver, notify: make(chan struct{}, 1)}
	if opt.TLS || opt.Implicit {
		cert, roots, err := selfSigned()
		if err != nil {
			return nil, fmt.Errorf("smtp sink: %w", err)
		}
		s.tls, s.implicit, s.roots = &tls.Config{Certificates: []tls.Certificate{cert}}, opt.Implicit, roots
	}
	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return nil, fmt.Errorf("smtp sink: listen on %s: %w", opt.Addr, err)
	}
	s.addr = ln.Addr().String()
	s.serve(ln)
	return s, nil
}

func (s *Sink) serve(ln net.Listener) {
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }))
	srv.Domain = "sink.localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	srv.MaxMessageBytes = 32 << 20
	if s.tls != nil {
		srv.TLSConfig = s.tls
		if s.implicit {
			ln = tls.NewListener(ln, s.tls)
		}
	}
	s.mu.Lock()
	s.srv, s.ln = srv, ln
	s.mu.Unlock()
	go srv.Serve(ln)
}

// RootCAs trusts the sink's certificate.
func (s *Sink) RootCAs() *x509.CertPool { return s.roots }

// selfSigned makes a certificate for 127.0.0.1.
func selfSigned() (tls.Certificate, *x509.CertPool, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "smtp sink"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	roots := x509.NewCertPool()
	roots.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, roots, nil
}

// Addr is host:port.
func (s *Sink) Addr() string { return s.addr }

// Port is the port number.
func (s *Sink) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Close stops the server.
func (s *Sink) Close() error {
	s.mu.Lock()
	srv, ln := s.srv, s.ln
	s.mu.Unlock()
	// Closing the listener ourselves covers a Serve that has not yet
	// registered it with the server.
	ln.Close()
	return srv.Close()
}

// Stop closes the listener and every connection: the server is down.
func (s *Sink) Stop() { s.Close() }

// Restart listens again on the same address.
func (s *Sink) Restart() error {
	var ln net.Listener
	var err error
	for range 100 {
		if ln, err = net.Listen("tcp", s.addr); err == nil {
			s.serve(ln)
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("smtp sink: listen again on %s: %w", s.addr, err)
}

// Fail makes every command of a stage answer code (4xx or 5xx) until
// cleared with code 0.
func (s *Sink) Fail(stage Stage, code int, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if code == 0 {
		delete(s.faults, stage)
		return
	}
	s.faults[stage] = &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCodeNotSet, Message: msg}
}

func (s *Sink) fault(st Stage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.faults[st]; f != nil {
		return f
	}
	return nil
}

// Messages returns a copy of what was received so far.
func (s *Sink) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Received is signalled (without blocking) after each message.
func (s *Sink) Received() <-chan struct{} { return s.notify }

type session struct {
	s      *Sink
	authed bool
	from   string
	to     []string
}

func (x *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != x.s.user || password != x.s.password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		x.authed = true
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.s.user != "" && !x.authed {
		return smtp.ErrAuthRequired
	}
	if err := x.s.fault(StageMail); err != nil {
		return err
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := x.s.fault(StageRcpt); err != nil {
		return err
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := x.s.fault(StageData); err != nil {
		return err
	}
	m := Message{From: x.from, To: x.to, Data: b, At: time.Now()}
	if pm, err := mail.ReadMessage(bytes.NewReader(b)); err == nil {
		m.Header = pm.Header
	} else {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "unreadable message: " + err.Error()}
	}
	if x.s.deliver != nil {
		if err := x.s.deliver(m); err != nil {
			return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: err.Error()}
		}
	}
	x.s.mu.Lock()
	x.s.msgs = append(x.s.msgs, m)
	x.s.mu.Unlock()
	select {
	case x.s.notify <- struct{}{}:
	default:
	}
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }
