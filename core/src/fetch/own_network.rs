//! What an article from a public feed may make the app fetch.
//!
//! The rule: a source on the public internet reaches only the public
//! internet. Its pages and pictures are never fetched from an address on
//! the reader's own network (loopback, private and link-local ranges,
//! carrier-grade NAT, unique-local IPv6 and the like), however the address
//! is written: a literal IP, a name that resolves to one (checked on the
//! addresses actually connected to, so a name that changes its answer
//! between two lookups gains nothing), or a redirect to one. Otherwise a
//! hostile feed could use the reader's computer to probe their router or
//! a service on their machine. A source the reader added on their own
//! network (a home server, the project's fixture site on 127.0.0.1) is
//! theirs: its links may go anywhere. The feed address itself is always
//! fetched: the reader typed it.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use url::{Host, Url};

/// An address not on the public internet.
pub fn is_own_network(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => own_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return own_v4(v4);
            }
            let s = v6.segments();
            // NAT64's well-known prefix carries an IPv4 address.
            if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                let [a, b] = s[6].to_be_bytes();
                let [c, d] = s[7].to_be_bytes();
                return own_v4(Ipv4Addr::new(a, b, c, d));
            }
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local, fc00::/7
                || (s[0] & 0xffc0) == 0xfe80 // link-local, fe80::/10
                || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated), fec0::/10
        }
    }
}

fn own_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local() // 169.254/16, cloud metadata included
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || a == 0 // "this network"
        || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT, 100.64/10
        || (a == 192 && b == 0 && ip.octets()[2] == 0) // IETF protocol assignments
        || (a == 198 && (18..20).contains(&b)) // benchmarking, 198.18/15
        || a >= 240 // reserved
}

/// Where a URL's host is, when that can be told without a lookup: a
/// literal address, or a name that is this machine's by definition.
pub fn literal_is_own(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => own_v4(ip),
        Some(Host::Ipv6(ip)) => is_own_network(IpAddr::V6(ip)),
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        None => false,
    }
}

/// Is this source on the reader's own network? Its host's addresses are
/// looked up; a host that cannot be looked up is treated as public (the
/// safe side).
pub async fn source_is_own(url: &Url) -> bool {
    if literal_is_own(url) {
        return true;
    }
    let (Some(host), Some(port)) = (url.host_str(), url.port_or_known_default()) else {
        return false;
    };
    match tokio::net::lookup_host((host, port)).await {
        Ok(addrs) => addrs.into_iter().any(|a| is_own_network(a.ip())),
        Err(_) => false,
    }
}

/// The refusal, carried through reqwest as an error source.
#[derive(Debug)]
pub struct Refused {
    pub host: String,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is on the reader's own network", self.host)
    }
}

impl std::error::Error for Refused {}

/// A resolver that connects to public addresses only: the ones on the
/// reader's network are dropped from the answer, and a name with no other
/// is refused.
#[derive(Debug, Default)]
pub struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            let public: Vec<SocketAddr> = found.filter(|a| !is_own_network(a.ip())).collect();
            if public.is_empty() {
                return Err(Box::new(Refused { host }) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(public.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Redirects for public sources: at most `max`, never to a literal
/// address on the reader's network (names go through `PublicOnly`).
pub fn redirects(max: usize) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= max {
            attempt.error("too many redirects")
        } else if literal_is_own(attempt.url()) {
            let host = attempt.url().host_str().unwrap_or_default().to_owned();
            attempt.error(Refused { host })
        } else {
            attempt.follow()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_readers_network_in_every_spelling() {
        for own in [
            "127.0.0.1",
            "127.8.9.10",
            "10.0.0.1",
            "172.16.5.4",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.254",
            "0.0.0.0",
            "0.1.2.3",
            "255.255.255.255",
            "224.0.0.251",
            "192.0.0.8",
            "198.18.0.1",
            "240.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "::ffff:192.168.0.1",
            "::ffff:127.0.0.1",
            "64:ff9b::c0a8:101",
        ] {
            assert!(is_own_network(ip(own)), "{own}");
        }
        for public in [
            "8.8.8.8",
            "1.1.1.1",
            "172.32.0.1",
            "100.128.0.1",
            "192.0.2.1",
            "2001:4860:4860::8888",
            "2a00:1450::1",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
        ] {
            assert!(!is_own_network(ip(public)), "{public}");
        }
    }

    #[test]
    fn literal_hosts_and_local_names() {
        for own in [
            "http://127.0.0.1:8080/",
            "http://[::1]/",
            "http://192.168.1.1/admin",
            "http://localhost/",
            "http://LOCALHOST./",
            "http://router.localhost/",
            "http://[::ffff:10.0.0.1]/",
            "http://0x7f000001/",
            "http://2130706433/",
            "http://017700000001/",
        ] {
            assert!(literal_is_own(&Url::parse(own).unwrap()), "{own}");
        }
        for other in [
            "https://example.com/",
            "http://8.8.8.8/",
            "http://localhost.example.com/",
        ] {
            assert!(!literal_is_own(&Url::parse(other).unwrap()), "{other}");
        }
    }

    #[tokio::test]
    async fn a_source_is_the_readers_when_its_host_is() {
        assert!(source_is_own(&Url::parse("http://127.0.0.1:9/feed").unwrap()).await);
        assert!(source_is_own(&Url::parse("http://localhost:9/feed").unwrap()).await);
        // Cannot be looked up (no such top-level domain): public.
        assert!(!source_is_own(&Url::parse("https://news.example.invalid/feed").unwrap()).await);
    }
}
