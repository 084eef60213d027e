//! Which `Host` a request may name. A web page open in the same browser can make that
//! browser connect to the preview under a name it controls (DNS rebinding: `evil.example`
//! resolving to 127.0.0.1), and would then read the preview as its own origin. The
//! request then says `Host: evil.example:8000`; answering only the preview's own names
//! defeats the attack (as webpack-dev-server and Vite do).
//!
//! Allowed: `localhost` (in any case: host names are case-insensitive, RFC 4343) and the
//! address listened on, written as an IP literal (`127.0.0.1`, `[::1]`), each with the
//! preview's port written out. Another loopback address (`127.0.0.2`), a port left out or
//! another port, and any other name are refused. Listening on every address (`--bind
//! 0.0.0.0` or `::`), any IP literal is allowed, since other machines reach the preview by
//! one of the machine's addresses; an IP literal names no origin an attacker controls.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use hyper::http::uri::Authority;

/// Whether `host` (a `Host` header, or the authority of an absolute request target) names
/// the preview listening on `bound`:`port`. The port is required.
pub fn allowed(host: &str, bound: IpAddr, port: u16) -> bool {
    let Ok(authority) = host.parse::<Authority>() else {
        return false;
    };
    if authority.port_u16() != Some(port) || authority.as_str().contains('@') {
        return false;
    }
    let name = authority.host();
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match literal(name) {
        Some(ip) => !ip.is_unspecified() && (ip == bound || bound.is_unspecified()),
        None => false,
    }
}

/// The IP address a host is written as (`127.0.0.1`, `[::1]`), if it is one.
fn literal(name: &str) -> Option<IpAddr> {
    if let Some(v6) = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        return v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6);
    }
    name.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    #[test]
    fn the_previews_own_names_are_allowed() {
        for host in [
            "127.0.0.1:8000",
            "localhost:8000",
            "LocalHost:8000",
            "LOCALHOST:8000",
        ] {
            assert!(allowed(host, LOOPBACK, 8000), "{host}");
        }
        assert!(allowed("localhost:80", LOOPBACK, 80));
        let v6 = IpAddr::V6(Ipv6Addr::LOCALHOST);
        assert!(allowed("[::1]:8000", v6, 8000));
        assert!(allowed("localhost:8000", v6, 8000));
    }

    #[test]
    fn other_names_ports_and_forms_are_refused() {
        for host in [
            "evil.example:8000",
            "localhost.evil.example:8000",
            "127.0.0.1.nip.io:8000",
            "127.0.0.1:8001",
            "localhost",
            "127.0.0.1",
            "localhost:",
            "user@localhost:8000",
            "192.168.1.10:8000",
            "[::ffff:192.168.1.10]:8000",
            "[::ffff:127.0.0.1]:8000",
            "0.0.0.0:8000",
            "2130706433:8000",
            "127.0.0.2:8000",
            "127.1:8000",
            "[::1]:8000",
            "",
            "localhost:8000/x",
            "localhost:8000 ",
        ] {
            assert!(!allowed(host, LOOPBACK, 8000), "{host}");
        }
        // A port left out is refused even where it would mean 80.
        assert!(!allowed("localhost", LOOPBACK, 80));
        assert!(!allowed("127.0.0.1", LOOPBACK, 80));
    }

    #[test]
    fn an_exposed_preview_answers_its_addresses_but_no_name() {
        let any = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        assert!(allowed("192.168.1.10:8000", any, 8000));
        assert!(allowed("[fe80::1]:8000", any, 8000));
        assert!(allowed("localhost:8000", any, 8000));
        assert!(!allowed("0.0.0.0:8000", any, 8000));
        assert!(!allowed("mybox.lan:8000", any, 8000));
        assert!(!allowed("evil.example:8000", any, 8000));
        // Bound to one address: that address only.
        let one: IpAddr = "192.168.1.10".parse().expect("ip");
        assert!(allowed("192.168.1.10:8000", one, 8000));
        assert!(!allowed("192.168.1.11:8000", one, 8000));
        assert!(!allowed("127.0.0.1:8000", one, 8000));
    }

    proptest! {
        /// No DNS name but `localhost` is ever allowed, whatever its spelling or port.
        #[test]
        fn names_are_refused(name in "[a-z0-9-]{1,20}(\\.[a-z0-9-]{1,20}){0,3}", port in 1u16..) {
            prop_assume!(!name.eq_ignore_ascii_case("localhost"));
            prop_assume!(name.parse::<Ipv4Addr>().is_err());
            let host = format!("{name}:{port}");
            prop_assert!(!allowed(&host, LOOPBACK, port));
            prop_assert!(!allowed(&host, IpAddr::V4(Ipv4Addr::UNSPECIFIED), port));
        }

        /// On loopback, the only IP literal allowed is the bound address.
        #[test]
        fn only_the_bound_address_is_allowed(a in 0u8.., b in 0u8.., c in 0u8.., port in 1u16..) {
            let ip = Ipv4Addr::new(127, a, b, c);
            let host = format!("{ip}:{port}");
            prop_assert_eq!(allowed(&host, LOOPBACK, port), ip == Ipv4Addr::LOCALHOST);
        }
    }
}
