import NIOCore
import SIPCore
import SIPTransport

/// Where a forwarded request goes: its new Request-URI and the address to send it to.
struct SIPTarget: Sendable, Equatable {
    var uri: SIPURI
    var destination: SIPTransportAddress
}

/// Request-URI routing (RFC 3261 §16.5) for out-of-dialog requests:
/// our users' AORs → their registered contacts; dialled numbers → the user
/// whose vCard holds the number; anything else → the gateway.
struct SIPTargetResolver: Sendable {
    enum Resolution: Equatable {
        case targets([SIPTarget])
        /// A local user with nothing registered.
        case unavailable
        case notFound
        /// Only the gateway could take it and the caller is not one of ours.
        case forbidden
        /// The URI scheme cannot be routed (416).
        case unsupportedScheme
    }

    let local: SIPLocalAddress
    let location: SIPLocationService
    let numbers: PhoneNumberIndex
    let accounts: any AccountStore
    let gateway: SIPURI?

    /// `callerIsLocal`: the caller authenticated as one of our users, so the
    /// gateway may be used on their behalf.
    func resolve(_ uri: SIPAnyURI, callerIsLocal: Bool) async -> Resolution {
        switch uri {
        case .tel(let tel):
            return await number(tel.normalizedNumber, callerIsLocal: callerIsLocal)
        case .sip(let sip):
            guard local.isOurs(sip) else { return viaGateway(user: sip.user, callerIsLocal: callerIsLocal) }
            guard let user = sip.user else { return .notFound }
            if PhoneNumberIndex.isPhoneNumber(user) || sip.parameters["user"]?.lowercased() == "phone" {
                return await number(TelURI.normalize(user), callerIsLocal: callerIsLocal)
            }
            return await account(user)
        case .other:
            return .unsupportedScheme
        }
    }

    private func number(_ number: String, callerIsLocal: Bool) async -> Resolution {
        if let owner = numbers.user(for: number), (try? await accounts.accountExists(owner)) == true {
            return await account(owner)
        }
        if gateway == nil { return .notFound }
        return viaGateway(user: number, callerIsLocal: callerIsLocal)
    }

    private func account(_ username: String) async -> Resolution {
        guard (try? await accounts.accountExists(username)) == true else { return .notFound }
        let bindings = await location.bindings(of: username)
        let targets = bindings.compactMap { binding in
            Self.destination(for: binding.contact).map { SIPTarget(uri: binding.contact, destination: $0) }
                ?? SIPTarget(uri: binding.contact, destination: binding.source)
        }
        return targets.isEmpty ? .unavailable : .targets(targets)
    }

    private func viaGateway(user: String?, callerIsLocal: Bool) -> Resolution {
        guard let gateway else { return .notFound }
        guard callerIsLocal else { return .forbidden }
        var uri = gateway
        uri.user = user
        guard let destination = Self.destination(for: gateway) else { return .notFound }
        return .targets([SIPTarget(uri: uri, destination: destination)])
    }

    /// The address a URI names when its host is an IP address (no DNS here):
    /// `transport=tcp` picks TCP, the default port is 5060.
    static func destination(for uri: SIPURI) -> SIPTransportAddress? {
        var host = uri.host
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let address = try? SocketAddress(ipAddress: host, port: Int(uri.port ?? 5060)) else { return nil }
        let kind: SIPTransportAddress.Kind = uri.parameters["transport"]?.lowercased() == "tcp" ? .tcp : .udp
        return SIPTransportAddress(kind, address)
    }
}
