/// Client and server transactions of one element, found by the rules of
/// RFC 3261 §17.1.3 and §17.2.3. Generic over what is stored so the owner
/// keeps its transaction machines (or handles to them) here.
public struct TransactionTable<Transaction> {
    struct ServerEntry {
        var transaction: Transaction
        /// RFC 2543 matching: the To tag of the creating request, and of the
        /// response the server sent (which an ACK carries).
        var requestToTag: String?
        var responseToTag: String?
    }

    private var clients: [TransactionKey: Transaction] = [:]
    private var servers: [TransactionKey: ServerEntry] = [:]

    public init() {}

    public var clientCount: Int { clients.count }
    public var serverCount: Int { servers.count }

    // MARK: Client transactions

    /// Stores a client transaction under its request's key; false when the
    /// request has no branch or the key is taken.
    @discardableResult
    public mutating func insertClient(_ transaction: Transaction, for request: SIPRequest) -> TransactionKey? {
        guard let key = TransactionKey(clientRequest: request), clients[key] == nil else { return nil }
        clients[key] = transaction
        return key
    }

    /// The client transaction a response belongs to, with its key.
    public func client(matching response: SIPResponse) -> (key: TransactionKey, transaction: Transaction)? {
        guard let key = TransactionKey(response: response), let transaction = clients[key] else { return nil }
        return (key, transaction)
    }

    public subscript(client key: TransactionKey) -> Transaction? {
        get { clients[key] }
        set { clients[key] = newValue }
    }

    // MARK: Server transactions

    @discardableResult
    public mutating func insertServer(_ transaction: Transaction, for request: SIPRequest) -> TransactionKey? {
        guard let key = TransactionKey(serverRequest: request), servers[key] == nil else { return nil }
        servers[key] = ServerEntry(transaction: transaction, requestToTag: (try? request.headers.to())??.tag)
        return key
    }

    /// The server transaction a request belongs to: a retransmission, or
    /// the ACK of a non-2xx final response.
    public func server(matching request: SIPRequest) -> (key: TransactionKey, transaction: Transaction)? {
        guard let key = TransactionKey(serverRequest: request) else { return nil }
        return entry(for: key, request: request).map { (key, $0) }
    }

    /// The INVITE server transaction a CANCEL targets (§9.2).
    public func server(cancelledBy cancel: SIPRequest) -> (key: TransactionKey, transaction: Transaction)? {
        guard let key = TransactionKey(cancelledBy: cancel) else { return nil }
        return entry(for: key, request: cancel).map { (key, $0) }
    }

    /// Records the To tag of a response sent by a server transaction, so an
    /// RFC 2543 ACK (which carries it) can be matched.
    public mutating func noteResponse(_ response: SIPResponse, for key: TransactionKey) {
        guard let tag = (try? response.headers.to())??.tag else { return }
        servers[key]?.responseToTag = tag
    }

    public subscript(server key: TransactionKey) -> Transaction? {
        get { servers[key]?.transaction }
        set {
            if let newValue {
                if servers[key] != nil { servers[key]?.transaction = newValue } else { servers[key] = ServerEntry(transaction: newValue) }
            } else {
                servers[key] = nil
            }
        }
    }

    private func entry(for key: TransactionKey, request: SIPRequest) -> Transaction? {
        guard let entry = servers[key] else { return nil }
        guard key.isLegacy else { return entry.transaction }
        let toTag = (try? request.headers.to())??.tag
        if request.method == "ACK" {
            // The ACK carries the tag of our response (or none if we sent none with one).
            return toTag == entry.responseToTag ? entry.transaction : nil
        }
        return toTag == entry.requestToTag ? entry.transaction : nil
    }
}

extension TransactionTable: Sendable where Transaction: Sendable {}
extension TransactionTable.ServerEntry: Sendable where Transaction: Sendable {}
