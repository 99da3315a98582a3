package imapsource_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"log"
	"math/big"
	"net"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"ticketgate/gateway/imapsource"
)

// selfSigned returns a server certificate for 127.0.0.1 and a pool that
// trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "imap.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// TestTLS reads a mailbox over implicit TLS and over STARTTLS, with the
// server's certificate verified, and AUTHENTICATE PLAIN on one of them.
func TestTLS(t *testing.T) {
	cert, pool := selfSigned(t)
	mem := imapmemserver.New()
	u := imapmemserver.NewUser("tls", "secret")
	must(t, u.Create("INBOX", nil))
	mem.AddUser(u)
	srvTLS := &tls.Config{Certificates: []tls.Certificate{cert}}
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:      imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}},
		TLSConfig: srvTLS,
		Logger:    log.New(io.Discard, "", 0),
	})
	t.Cleanup(func() { srv.Close() })
	implicit, err := tls.Listen("tcp", "127.0.0.1:0", srvTLS)
	must(t, err)
	plain, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	go srv.Serve(implicit)
	go srv.Serve(plain)

	for _, c := range []struct {
		name      string
		addr      string
		security  imapsource.Security
		authPlain bool
		roots     *x509.CertPool
		wantErr   bool
	}{
		{"implicit TLS", implicit.Addr().String(), imapsource.TLS, false, pool, false},
		{"STARTTLS with AUTHENTICATE PLAIN", plain.Addr().String(), imapsource.StartTLS, true, pool, false},
		{"untrusted certificate", implicit.Addr().String(), imapsource.TLS, false, x509.NewCertPool(), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := imapsource.Probe(t.Context(), imapsource.Config{Mailbox: "support", Addr: c.addr, Security: c.security,
				TLSConfig: &tls.Config{RootCAs: c.roots, ServerName: "127.0.0.1"}, Username: "tls", Password: "secret", AuthPlain: c.authPlain})
			if c.wantErr {
				if err == nil {
					t.Fatal("connected to a server whose certificate is not trusted")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Folder != "INBOX" || !r.Idle || !r.Move || r.UIDValidity == 0 {
				t.Errorf("report %+v", r)
			}
		})
	}
}
