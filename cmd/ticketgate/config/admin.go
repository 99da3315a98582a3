package config

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// DefaultAdminListen is where the web admin listens when [admin] does not
// say: loopback only, for a reverse proxy or an SSH tunnel in front.
const DefaultAdminListen = "127.0.0.1:8025"

// Admin is the [admin] section: the web admin, served by 'serve'. The
// section turns it on; 'enabled = false' keeps the settings and turns it
// off.
type Admin struct {
	Enabled *bool  `toml:"enabled"`
	Listen  string `toml:"listen"`
	// BaseURL is the admin's address as people reach it, for links in
	// agents' mail and printed sign-in links; https makes cookies Secure.
	BaseURL string `toml:"base_url"`
}

// AdminSettings is the web admin's configuration with defaults applied;
// ok is false when the admin is off.
func (c *Config) AdminSettings() (a Admin, ok bool) {
	if c.Admin == nil || (c.Admin.Enabled != nil && !*c.Admin.Enabled) {
		return Admin{}, false
	}
	a = *c.Admin
	if a.Listen == "" {
		a.Listen = DefaultAdminListen
	}
	a.BaseURL = strings.TrimSuffix(a.BaseURL, "/")
	return a, true
}

// AdminURL is the address sign-in links start with: base_url, else the
// listen address over http.
func (a Admin) AdminURL() string {
	if a.BaseURL != "" {
		return a.BaseURL
	}
	host, port, err := net.SplitHostPort(a.Listen)
	if err == nil && (host == "" || host == "0.0.0.0" || host == "::") {
		host = "localhost"
	}
	if err != nil {
		return "http://" + a.Listen
	}
	return "http://" + net.JoinHostPort(host, port)
}

func (c *Config) validateAdmin(p *problems) {
	if c.Admin == nil {
		return
	}
	if l := c.Admin.Listen; l != "" {
		if _, port, err := net.SplitHostPort(l); err != nil || port == "" {
			p.bad(fmt.Sprintf("%q is not host:port (like %s)", l, DefaultAdminListen), "admin", "listen")
		}
	}
	if b := c.Admin.BaseURL; b != "" {
		u, err := url.Parse(b)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			p.bad(fmt.Sprintf("%q: want an http:// or https:// address without query, like https://support.example.com/admin", b), "admin", "base_url")
		}
	}
}
