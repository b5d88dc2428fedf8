import Foundation
import SIPCore
import SIPTransport
import XMPPCore

/// The registrar (RFC 3261 §10.3): authenticates REGISTER, checks that the
/// authenticated user registers their own AOR, and adds, refreshes, removes
/// or lists that AOR's bindings.
struct SIPRegistrar: Sendable {
    static let defaultExpires = 3600
    static let maxExpires = 7200
    static let minExpires = 60

    let local: SIPLocalAddress
    let authenticator: SIPAuthenticator
    let location: SIPLocationService

    func handle(_ request: SIPRequest, source: SIPTransportAddress) async -> SIPResponse {
        let toTag = SIPBranch.make()
        func reply(_ status: Int, _ reason: String) -> SIPResponse {
            request.makeResponse(statusCode: status, reasonPhrase: reason, toTag: toTag)
        }
        // Step 1: a registrar for our domain only.
        guard let target = request.uri.sipURI, local.isOurs(target) else { return reply(404, "Not Found") }
        // Step 2: no extensions are supported.
        let required = (try? request.headers.values(named: "Require")) ?? []
        if !required.isEmpty {
            var response = reply(420, "Bad Extension")
            response.headers.append("Unsupported", required.joined(separator: ", "))
            return response
        }
        // Step 3: digest authentication.
        let username: String
        switch await authenticator.check(request, role: .registrar) {
        case .challenge(let stale):
            return authenticator.challenge(request, role: .registrar, stale: stale, toTag: toTag)
        case .forbidden(let reason):
            return reply(403, reason)
        case .authenticated(let name):
            username = name
        }
        // Steps 4–5: the To AOR must be the authenticated user's own.
        guard let to = try? request.headers.to(), let aor = to.uri.sipURI, let user = aor.user,
            local.isOurs(aor)
        else { return reply(404, "Not Found") }
        guard (try? JID(localpart: user, domainpart: local.domain))?.localpart == username else {
            return reply(403, "Not your address-of-record")
        }
        guard let callID = try? request.headers.callID(), let cseq = try? request.headers.cseq() else {
            return reply(400, "Bad Request")
        }
        let contacts: [SIPContact]
        do {
            contacts = try request.headers.contacts()
        } catch {
            return reply(400, "Bad Contact")
        }
        // Step 6: expiry of every contact, or `*` with Expires: 0.
        var changes: [SIPLocationService.Change] = []
        var removeAll = false
        let headerExpires = request.headers.expires().map { Int($0) }
        for contact in contacts {
            guard let address = contact.address else {
                guard headerExpires == 0 else { return reply(400, "Contact * needs Expires: 0") }
                removeAll = true
                continue
            }
            guard let uri = address.uri.sipURI else { return reply(400, "Contact must be a SIP URI") }
            let requested = contact.expires.map { Int($0) } ?? headerExpires ?? Self.defaultExpires
            if requested > 0 && requested < Self.minExpires {
                var response = reply(423, "Interval Too Brief")
                response.headers.append("Min-Expires", String(Self.minExpires))
                return response
            }
            changes.append(.init(contact: uri, expires: min(requested, Self.maxExpires)))
        }
        // Steps 7–8: apply in order, then list what is bound now.
        let now = Date()
        let current: [SIPBinding]
        do throws(SIPLocationService.Failure) {
            if contacts.isEmpty {
                current = await location.bindings(of: username, now: now)
            } else {
                current = try await location.apply(
                    changes, removeAll: removeAll, for: username, callID: callID, sequence: cseq.sequence,
                    source: source, now: now)
            }
        } catch {
            switch error {
            case .outOfOrder:
                return reply(500, "Out of order request")
            case .tooManyBindings:
                var response = reply(503, "Too many registrations")
                response.headers.append("Retry-After", "60")
                return response
            }
        }
        var response = reply(200, "OK")
        for binding in current {
            response.headers.append("Contact", "<\(binding.contact)>;expires=\(binding.secondsLeft(now: now))")
        }
        return response
    }
}
