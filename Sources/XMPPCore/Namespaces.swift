/// XML namespace URIs used on the wire, in one place so that a typo is a
/// compile error rather than a silently ignored element.
public enum XMLNamespace {
    // XML itself (the `xml:` prefix, e.g. `xml:lang`).
    public static let xml = "http://www.w3.org/XML/1998/namespace"

    // RFC 6120: streams, TLS, SASL, binding, errors.
    public static let client = "jabber:client"
    public static let server = "jabber:server"
    public static let streams = "http://etherx.jabber.org/streams"
    public static let streamErrors = "urn:ietf:params:xml:ns:xmpp-streams"
    public static let stanzaErrors = "urn:ietf:params:xml:ns:xmpp-stanzas"
    public static let tls = "urn:ietf:params:xml:ns:xmpp-tls"
    public static let sasl = "urn:ietf:params:xml:ns:xmpp-sasl"
    public static let bind = "urn:ietf:params:xml:ns:xmpp-bind"
    /// RFC 3921 session establishment; still advertised (as optional) for old clients.
    public static let session = "urn:ietf:params:xml:ns:xmpp-session"

    // RFC 6121: roster and subscriptions.
    public static let roster = "jabber:iq:roster"
    public static let rosterVersioning = "urn:xmpp:features:rosterver"
    public static let preApproval = "urn:xmpp:features:pre-approval"

    // Extensions (XEPs).
    public static let privateStorage = "jabber:iq:private"                   // XEP-0049
    public static let vcard = "vcard-temp"                                   // XEP-0054
    public static let blocking = "urn:xmpp:blocking"                         // XEP-0191
    public static let blockingErrors = "urn:xmpp:blocking:errors"            // XEP-0191
    public static let discoInfo = "http://jabber.org/protocol/disco#info"    // XEP-0030
    public static let discoItems = "http://jabber.org/protocol/disco#items"  // XEP-0030
    public static let ping = "urn:xmpp:ping"                                 // XEP-0199
    public static let version = "jabber:iq:version"                          // XEP-0092
    public static let register = "jabber:iq:register"                        // XEP-0077
    public static let registerFeature = "http://jabber.org/features/iq-register"  // XEP-0077
    public static let delay = "urn:xmpp:delay"                               // XEP-0203
    public static let offline = "msgoffline"                                 // XEP-0160 disco feature
    public static let streamManagement = "urn:xmpp:sm:3"                     // XEP-0198
    public static let carbons = "urn:xmpp:carbons:2"                         // XEP-0280
    public static let forward = "urn:xmpp:forward:0"                         // XEP-0297
    public static let mam = "urn:xmpp:mam:2"                                 // XEP-0313
    public static let resultSetManagement = "http://jabber.org/protocol/rsm" // XEP-0059
    public static let dataForms = "jabber:x:data"                            // XEP-0004
    public static let invisible = "urn:xmpp:invisible:0"                     // XEP-0186

    // Ours (docs/protocol.md, "Our extension namespaces").
    /// A page (a marked headline) and the server's receipt for it.
    public static let page = "urn:xmpp:communicator:page:0"
    /// A user's pager gateway, kept in XEP-0049 private storage.
    public static let pager = "urn:xmpp:communicator:pager:0"
    /// A hash of the sender's vCard in its presence, so contacts notice profile changes.
    public static let profile = "urn:xmpp:communicator:profile:0"
}
