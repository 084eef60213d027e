//! Which `Host` a request may name. A web page open in the same browser can make that
//! browser connect to the preview under a name it controls (DNS rebinding: `evil.example`
//! resolving to 127.0.0.1), and would then read the preview as its own origin. The
//! request then says `Host: evil.example:8000`; answering only the preview's own names
//! defeats the attack (as webpack-dev-server and Vite do).
//!
//! Allowed: `localhost` and IP literals, with the preview's port. An IP literal names no
//! origin an attacker controls. Listening on loopback (the default), only loopback
//! addresses are allowed; with `--bind` to another address, any IP literal is (other
//! machines reach the preview by its address).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use hyper::http::uri::Authority;

/// Whether `host` (a `Host` header, or the authority of an absolute request target) names
/// the preview listening on `bound`:`port`. A missing port means 80.
pub fn allowed(host: &str, bound: IpAddr, port: u16) -> bool {
    let Ok(authority) = host.parse::<Authority>() else {
        return false;
    };
    if authority.port_u16().unwrap_or(80) != port || authority.as_str().contains('@') {
        return false;
    }
    let name = authority.host();
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match literal(name) {
        Some(ip) => ip.is_loopback() || !bound.is_loopback(),
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
            "[::1]:8000",
            "127.0.0.2:8000",
        ] {
            assert!(allowed(host, LOOPBACK, 8000), "{host}");
        }
        assert!(allowed("localhost", LOOPBACK, 80));
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
            "user@localhost:8000",
            "192.168.1.10:8000",
            "[::ffff:192.168.1.10]:8000",
            "0.0.0.0:8000",
            "2130706433:8000",
            "",
            "localhost:8000/x",
            "localhost:8000 ",
        ] {
            assert!(!allowed(host, LOOPBACK, 8000), "{host}");
        }
    }

    #[test]
    fn an_exposed_preview_answers_its_addresses_but_no_name() {
        let any = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        assert!(allowed("192.168.1.10:8000", any, 8000));
        assert!(allowed("[fe80::1]:8000", any, 8000));
        assert!(allowed("localhost:8000", any, 8000));
        assert!(!allowed("mybox.lan:8000", any, 8000));
        assert!(!allowed("evil.example:8000", any, 8000));
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
    }
}
