/// Why a dialog could not be created or a request does not fit it.
public struct SIPDialogError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// The message lacks (or has a malformed) Call-ID, From, To, CSeq or Contact.
        case invalidMessage
        /// The response carries no To tag, or the request no From tag: no dialog ID.
        case missingTag
        /// The response cannot create a dialog (not 101–299).
        case notDialogCreating
        /// A message of another dialog.
        case dialogMismatch
        /// §12.2.2: a request with a CSeq lower than the remote one; answer 500.
        case outOfOrder
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// The status to answer an in-dialog request refused this way with.
    public var statusCode: Int { code == .outOfOrder ? 500 : 400 }

    public var description: String { "\(code.rawValue): \(detail)" }
}
