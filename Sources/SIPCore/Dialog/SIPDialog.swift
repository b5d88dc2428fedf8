/// A dialog (RFC 3261 §12): the peer-to-peer state two user agents keep
/// between an INVITE's 1xx/2xx and the BYE.
public struct SIPDialog: Hashable, Sendable {
    /// Call-ID plus the two tags, seen from our side (§12).
    public struct ID: Hashable, Sendable, CustomStringConvertible {
        public var callID: String
        public var localTag: String
        public var remoteTag: String

        public init(callID: String, localTag: String, remoteTag: String) {
            self.callID = callID
            self.localTag = localTag
            self.remoteTag = remoteTag
        }

        /// The dialog an incoming request belongs to at its UAS: our tag is
        /// the To tag, the peer's the From tag. Nil outside a dialog.
        public init?(incoming request: SIPRequest) {
            guard let callID = try? request.headers.callID(), let localTag = (try? request.headers.to())??.tag,
                  let remoteTag = (try? request.headers.from())??.tag
            else { return nil }
            self.init(callID: callID, localTag: localTag, remoteTag: remoteTag)
        }

        /// The dialog a response to our request belongs to: our tag is the
        /// From tag, the peer's the To tag.
        public init?(incoming response: SIPResponse) {
            guard let callID = try? response.headers.callID(), let localTag = (try? response.headers.from())??.tag,
                  let remoteTag = (try? response.headers.to())??.tag
            else { return nil }
            self.init(callID: callID, localTag: localTag, remoteTag: remoteTag)
        }

        public var description: String { "\(callID);local=\(localTag);remote=\(remoteTag)" }
    }

    public enum State: Hashable, Sendable {
        /// Created by a 1xx with a To tag.
        case early
        /// Created or confirmed by a 2xx.
        case confirmed
    }

    public var id: ID
    public var state: State
    /// CSeq of our last request in the dialog; nil until we send one.
    public var localSequence: UInt32?
    /// CSeq of the peer's last request; nil until it sends one.
    public var remoteSequence: UInt32?
    /// Our address (the From of our requests) without its tag.
    public var localURI: SIPNameAddress
    /// The peer's address (the To of our requests) without its tag.
    public var remoteURI: SIPNameAddress
    /// Where in-dialog requests go: the peer's Contact.
    public var remoteTarget: SIPAnyURI
    /// Route headers for in-dialog requests, in the order they are sent.
    public var routeSet: [SIPNameAddress]
    public var isSecure: Bool

    /// The UAC side, from our request and a 101–299 response with a To tag
    /// (§12.1.2). A 1xx makes an early dialog, a 2xx a confirmed one.
    public init(uacRequest request: SIPRequest, response: SIPResponse) throws(SIPDialogError) {
        guard (101..<300).contains(response.statusCode) else {
            throw SIPDialogError(.notDialogCreating, "status \(response.statusCode)")
        }
        let fields = try DialogFields(request)
        guard let id = ID(incoming: response) else { throw SIPDialogError(.missingTag, "response without To tag") }
        guard id.callID == fields.callID, id.localTag == fields.from.tag else {
            throw SIPDialogError(.dialogMismatch, "response to another request")
        }
        self.id = id
        self.state = response.isSuccess ? .confirmed : .early
        self.localSequence = fields.cseq.sequence
        self.remoteSequence = nil
        self.localURI = fields.from.withoutTag
        self.remoteURI = fields.to.withoutTag
        self.isSecure = request.uri.sipURI?.isSecure == true
        let (target, routes) = try Self.targetAndRoutes(of: response.headers, remoteTargetRequired: false)
        // A 1xx without Contact still makes an early dialog; the 2xx brings the target.
        self.remoteTarget = target ?? request.uri
        self.routeSet = routes.reversed()
    }

    /// The UAS side, from the request and the tag we put in our response (§12.1.1).
    public init(uasRequest request: SIPRequest, localTag: String, state: State = .confirmed) throws(SIPDialogError) {
        let fields = try DialogFields(request)
        guard let remoteTag = fields.from.tag else { throw SIPDialogError(.missingTag, "request without From tag") }
        self.id = ID(callID: fields.callID, localTag: localTag, remoteTag: remoteTag)
        self.state = state
        self.localSequence = nil
        self.remoteSequence = fields.cseq.sequence
        self.localURI = fields.to.withoutTag
        self.remoteURI = fields.from.withoutTag
        self.isSecure = request.uri.sipURI?.isSecure == true
        let (target, routes) = try Self.targetAndRoutes(of: request.headers, remoteTargetRequired: true)
        self.remoteTarget = target ?? request.uri
        self.routeSet = routes
    }

    /// A further response to the request that created the dialog, or a 2xx to
    /// a target refresh: confirms an early dialog (recomputing the route set,
    /// §13.2.2.4) and takes the new Contact as remote target (§12.2.1.2).
    public mutating func update(with response: SIPResponse) throws(SIPDialogError) {
        guard ID(incoming: response) == id else { throw SIPDialogError(.dialogMismatch, "response of another dialog") }
        guard response.isSuccess || (state == .early && response.isProvisional) else { return }
        let (target, routes) = try Self.targetAndRoutes(of: response.headers, remoteTargetRequired: false)
        if state == .early {
            if response.isSuccess {
                state = .confirmed
                routeSet = routes.reversed()
            }
        }
        if let target { remoteTarget = target }
    }

    /// Checks an incoming in-dialog request's CSeq (§12.2.2) and takes its
    /// Contact as the new remote target when it is a target refresh.
    public mutating func receive(_ request: SIPRequest) throws(SIPDialogError) {
        guard ID(incoming: request) == id else { throw SIPDialogError(.dialogMismatch, "request of another dialog") }
        guard let cseq = try? request.headers.cseq() else { throw SIPDialogError(.invalidMessage, "CSeq") }
        // ACK and CANCEL reuse the CSeq of what they refer to.
        if request.method != "ACK", request.method != "CANCEL" {
            if let remoteSequence, cseq.sequence <= remoteSequence {
                // Equal is a retransmission the transaction layer absorbs; lower is out of order.
                if cseq.sequence < remoteSequence { throw SIPDialogError(.outOfOrder, "CSeq \(cseq.sequence) < \(remoteSequence)") }
            }
            remoteSequence = max(remoteSequence ?? 0, cseq.sequence)
        }
        if Self.targetRefreshMethods.contains(request.method),
           let contact = try? request.headers.contacts().first?.address {
            remoteTarget = contact.uri
        }
    }

    static let targetRefreshMethods: Set<String> = ["INVITE", "UPDATE"]

    /// Contact (the remote target) and Record-Route of a message.
    private static func targetAndRoutes(
        of headers: SIPHeaders, remoteTargetRequired: Bool
    ) throws(SIPDialogError) -> (SIPAnyURI?, [SIPNameAddress]) {
        let contacts: [SIPContact]
        let routes: [SIPNameAddress]
        do {
            contacts = try headers.contacts()
            routes = try headers.recordRoutes()
        } catch {
            throw SIPDialogError(.invalidMessage, error.description)
        }
        let target = contacts.first?.address?.uri
        if remoteTargetRequired, target == nil { throw SIPDialogError(.invalidMessage, "no Contact") }
        return (target, routes)
    }
}

/// The headers every dialog-forming request must carry, parsed once.
struct DialogFields {
    var callID: String
    var from: SIPNameAddress
    var to: SIPNameAddress
    var cseq: SIPCSeq

    init(_ request: SIPRequest) throws(SIPDialogError) {
        do {
            guard let callID = try request.headers.callID(), let from = try request.headers.from(),
                  let to = try request.headers.to(), let cseq = try request.headers.cseq()
            else { throw SIPDialogError(.invalidMessage, "missing Call-ID, From, To or CSeq") }
            self.callID = callID
            self.from = from
            self.to = to
            self.cseq = cseq
        } catch let error as SIPDialogError {
            throw error
        } catch {
            throw SIPDialogError(.invalidMessage, "\(error)")
        }
    }
}

extension SIPNameAddress {
    var withoutTag: SIPNameAddress {
        var copy = self
        copy.parameters.remove("tag")
        return copy
    }
}
