import MessengerKit

/// One member call: its parameters and the client it runs against.
struct RPCCall: Sendable {
    let params: RPCParams
    let messenger: Messenger
    var resolve: HandleResolver { HandleResolver(messenger: messenger) }

    /// The `handle` parameter of a method on an object.
    func handle() throws(RPCFailure) -> String { try params.handle() }
}

/// Carries out a member. Throws `MessengerError` (an API failure) or
/// `RPCFailure` (a protocol failure); anything else is a bug reported as E_FAIL.
typealias RPCHandler = @Sendable (RPCCall) async throws -> RPCResult

/// Method name → member, for every member of the object model
/// (automation-rpc.md, Names). Built once per endpoint.
struct MethodTable: Sendable {
    private(set) var handlers: [String: RPCHandler] = [:]

    mutating func add(_ method: String, _ handler: @escaping RPCHandler) {
        precondition(handlers[method] == nil, "\(method) registered twice")
        handlers[method] = handler
    }

    static let all: MethodTable = {
        var table = MethodTable()
        table.addMessengerMethods()
        table.addMessengerLauncherMethods()
        table.addMessengerPropertyMethods()
        table.addContactMethods()
        table.addCollectionMethods()
        table.addGroupMethods()
        table.addServiceMethods()
        table.addWindowMethods()
        table.addConversationMethods()
        table.addProjectMethods()
        return table
    }()

    var methodNames: [String] { handlers.keys.sorted() }
}

/// Runs requests against one `Messenger`.
struct Dispatcher: Sendable {
    let messenger: Messenger
    let table = MethodTable.all

    func run(_ method: String, _ params: [String: JSONValue]) async -> Result<RPCResult, RPCFailure> {
        guard let handler = table.handlers[method] else { return .failure(.methodNotFound(method)) }
        do {
            return .success(try await handler(RPCCall(params: RPCParams(params), messenger: messenger)))
        } catch let error as MessengerError {
            return .failure(RPCFailure(error))
        } catch let failure as RPCFailure {
            return .failure(failure)
        } catch {
            return .failure(RPCFailure(MessengerError(.E_FAIL, "\(error)")))
        }
    }
}

extension RPCResult {
    /// A member that can succeed in more than one way (S_FALSE, MSGR_S_*).
    init<Value>(_ success: MessengerSuccess<Value>, value: (Value) -> JSONValue?) {
        self.init(hr: success.hresult, value(success.value))
    }

    init(_ success: MessengerSuccess<Void>) {
        self.init(hr: success.hresult)
    }

    static func value(_ value: JSONValue) -> RPCResult { RPCResult(hr: .S_OK, value) }
    static func value(_ string: String) -> RPCResult { RPCResult(hr: .S_OK, .string(string)) }
    static func value(_ bool: Bool) -> RPCResult { RPCResult(hr: .S_OK, .bool(bool)) }
    static func value(_ number: Int32) -> RPCResult { RPCResult(hr: .S_OK, JSONValue(number)) }
    static func value(_ number: Int) -> RPCResult { RPCResult(hr: .S_OK, JSONValue(number)) }
}
