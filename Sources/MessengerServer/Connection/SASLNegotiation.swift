import Foundation
import XMPPCore

/// One SASL exchange in progress (RFC 6120 §6). SCRAM-SHA-256 and SCRAM-SHA-1
/// are offered first; PLAIN only ever inside TLS (a plaintext stream, allowed
/// for loopback benchmarks, neither offers nor accepts it).
struct SASLNegotiation: Sendable {
    enum Mechanism: String, CaseIterable, Sendable {
        case scramSHA256 = "SCRAM-SHA-256"
        case scramSHA1 = "SCRAM-SHA-1"
        case plain = "PLAIN"

        /// The mechanisms a stream may use: PLAIN sends the password itself.
        static func offered(encrypted: Bool) -> [Mechanism] {
            encrypted ? allCases : allCases.filter { $0 != .plain }
        }
    }

    var mechanism: Mechanism
    var scram: SCRAMServerExchange?
    /// The username whose keys were fetched for the SCRAM lookup.
    var scramUser: String?
}

/// A SASL `<failure/>` (RFC 6120 §6.5) ending the current attempt.
struct SASLFailure: Error, Equatable {
    let condition: SASLFailureCondition

    static let aborted = SASLFailure(condition: .aborted)
    static let incorrectEncoding = SASLFailure(condition: .incorrectEncoding)
    static let invalidMechanism = SASLFailure(condition: .invalidMechanism)
    static let malformedRequest = SASLFailure(condition: .malformedRequest)
    static let notAuthorized = SASLFailure(condition: .notAuthorized)
    static let invalidAuthzid = SASLFailure(condition: .invalidAuthzid)

    var element: XMLElement {
        XMLElement(
            name: "failure", namespace: XMLNamespace.sasl,
            children: [.element(XMLElement(name: condition.rawValue, namespace: XMLNamespace.sasl))])
    }
}

extension C2SStream {
    /// Handles one SASL element. Returns true when authentication succeeded
    /// (the stream restarts).
    func authenticate(_ element: XMLElement, _ state: inout State) async throws -> Bool {
        if element.isIQ, element.child("query", namespace: XMLNamespace.register) != nil,
            context.configuration.allowRegistration
        {
            bridge.send(await RegistrationModule.handleUnauthenticated(element, context: context))
            return false
        }
        guard element.namespace == XMLNamespace.sasl else {
            throw StreamError(.notAuthorized, text: "authenticate first")
        }
        do {
            let username = try await step(element, &state)
            guard let username else { return false }
            state.username = username
            state.sasl = nil
            context.logger.info("authenticated", metadata: ["xmpp.user": "\(username)"])
            return true
        } catch let failure as SASLFailure {
            state.sasl = nil
            bridge.send(failure.element)
            if failure == .notAuthorized {
                state.authFailures += 1
                context.logger.notice("authentication failed", metadata: ["xmpp.failures": "\(state.authFailures)"])
                if state.authFailures >= context.configuration.maxAuthFailuresPerConnection {
                    throw StreamError(.policyViolation, text: "too many failed authentication attempts")
                }
            }
            return false
        }
    }

    /// Returns the authenticated username on success, nil while the exchange goes on.
    private func step(_ element: XMLElement, _ state: inout State) async throws -> String? {
        switch element.name {
        case "auth":
            guard let name = element[attribute: "mechanism"], let mechanism = SASLNegotiation.Mechanism(rawValue: name),
                SASLNegotiation.Mechanism.offered(encrypted: state.tls).contains(mechanism)
            else {
                throw SASLFailure.invalidMechanism
            }
            state.sasl = SASLNegotiation(mechanism: mechanism)
            let text = element.text
            if text.isEmpty {
                bridge.send(XMLElement(name: "challenge", namespace: XMLNamespace.sasl))  // no initial response
                return nil
            }
            return try await respond(to: try Self.decode(text), &state)
        case "response":
            guard state.sasl != nil else { throw SASLFailure.malformedRequest }
            return try await respond(to: try Self.decode(element.text), &state)
        case "abort":
            throw SASLFailure.aborted
        default:
            throw StreamError(.notAuthorized, text: "unexpected \(element.name)")
        }
    }

    private func respond(to message: [UInt8], _ state: inout State) async throws -> String? {
        guard var sasl = state.sasl else { throw SASLFailure.malformedRequest }
        defer { state.sasl = sasl }
        switch sasl.mechanism {
        case .plain:
            let plain: (authzid: String?, authcid: String, password: String)
            do { plain = try SASLPlain.parse(message) } catch { throw SASLFailure(condition: error.failureCondition) }
            guard let username = localpart(plain.authcid) else { throw SASLFailure.notAuthorized }
            if let authzid = plain.authzid, !authzid.isEmpty, (try? JID(authzid).bare) != context.userJID(username) {
                throw SASLFailure.invalidAuthzid
            }
            guard try await context.accounts.verifyPlain(username, password: plain.password) else { throw SASLFailure.notAuthorized }
            bridge.send(XMLElement(name: "success", namespace: XMLNamespace.sasl))
            return username
        case .scramSHA256, .scramSHA1:
            let hash: SCRAMHashFunction = sasl.mechanism == .scramSHA256 ? .sha256 : .sha1
            if sasl.scram == nil {
                var exchange = SCRAMServerExchange(hash: hash)
                let serverFirst: [UInt8]
                let user: String?
                do {
                    // Two steps because the key lookup is asynchronous storage.
                    let name = try exchange.readClientFirst(message)
                    user = localpart(name)
                    let keys = try await user.asyncFlatMap { try await context.accounts.keys(for: $0, hash: hash) }
                    serverFirst = try exchange.serverFirst(keys: keys)
                } catch let error as SCRAMError {
                    throw SASLFailure(condition: error.failureCondition)
                }
                sasl.scram = exchange
                sasl.scramUser = user
                bridge.send(XMLElement(name: "challenge", namespace: XMLNamespace.sasl, text: Base64.encode(serverFirst)))
                return nil
            }
            guard var exchange = sasl.scram else { throw SASLFailure.malformedRequest }
            let serverFinal: [UInt8]
            do {
                serverFinal = try exchange.receiveClientFinal(message)
            } catch {
                throw SASLFailure.notAuthorized
            }
            guard let username = sasl.scramUser, exchange.username.flatMap(localpart) == username else {
                throw SASLFailure.notAuthorized
            }
            bridge.send(XMLElement(name: "success", namespace: XMLNamespace.sasl, text: Base64.encode(serverFinal)))
            return username
        }
    }

    private func localpart(_ name: String) -> String? {
        (try? JID(localpart: name, domainpart: context.domain.domainpart))?.localpart
    }

    /// RFC 6120 §6.4.2: "=" is an empty response; anything else must be valid base64.
    private static func decode(_ text: String) throws -> [UInt8] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed == "=" { return [] }
        guard let bytes = Base64.decode(trimmed) else { throw SASLFailure.incorrectEncoding }
        return bytes
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
