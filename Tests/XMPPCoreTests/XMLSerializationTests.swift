import NIOCore
import Testing
@testable import XMPPCore

@Suite("XML serializer")
struct XMLSerializationTests {
    @Test func escapesText() {
        #expect(XMLEscaping.escapeText("a<b>&c\"'\r") == "a&lt;b&gt;&amp;c\"'&#xD;")
        #expect(XMLEscaping.escapeText("plain é ☃") == "plain é ☃")
    }

    @Test func escapesAttributes() {
        #expect(XMLEscaping.escapeAttribute("a<b>&c\"'\t\n\r") == "a&lt;b&gt;&amp;c&quot;&apos;&#x9;&#xA;&#xD;")
    }

    @Test func writesNamespacesOnlyWhereTheyChange() {
        let iq = XMLElement(
            name: "iq", namespace: "jabber:client",
            orderedAttributes: [.init(name: "type", value: "result"), .init(name: "id", value: "a'b")],
            children: [.element(XMLElement(name: "query", namespace: "jabber:iq:roster", children: [
                .element(XMLElement(name: "item", namespace: "jabber:iq:roster", attributes: ["jid": "a@b"], children: [
                    .element(XMLElement(name: "group", namespace: "jabber:iq:roster", text: "Friends & <Family>")),
                ])),
                .element(XMLElement(name: "plain", namespace: nil)),
            ]))]
        )
        #expect(iq.serialized(defaultNamespace: "jabber:client") ==
            "<iq type='result' id='a&apos;b'><query xmlns='jabber:iq:roster'><item jid='a@b'>"
            + "<group>Friends &amp; &lt;Family&gt;</group></item><plain xmlns=''/></query></iq>")
        #expect(iq.serialized().hasPrefix("<iq xmlns='jabber:client' type='result'"))
    }

    @Test func streamElementsUseTheStreamPrefix() {
        let features = XMLElement(name: "features", namespace: XMLNamespaces.streams, children: [
            .element(XMLElement(name: "starttls", namespace: "urn:ietf:params:xml:ns:xmpp-tls", children: [
                .element(XMLElement(name: "required", namespace: "urn:ietf:params:xml:ns:xmpp-tls")),
            ])),
            .element(XMLElement(name: "bind", namespace: "jabber:client")),
        ])
        #expect(features.serialized(defaultNamespace: "jabber:client") ==
            "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
            + "<bind/></stream:features>")
    }

    @Test func namespacedAttributesGetADeclaredPrefix() {
        let item = XMLElement(name: "item", namespace: "urn:a", orderedAttributes: [
            .init(name: "{urn:x}type", value: "form"), .init(name: "xml:lang", value: "en"),
            .init(name: "{urn:y}k", value: "1"), .init(name: "{urn:x}k", value: "2"),
        ])
        #expect(item.serialized(defaultNamespace: "urn:a") ==
            "<item xmlns:ns0='urn:x' ns0:type='form' xml:lang='en' xmlns:ns1='urn:y' ns1:k='1' ns0:k='2'/>")
    }

    @Test func writesTheSameBytesToAByteBuffer() {
        let message = XMLElement(name: "message", namespace: "jabber:client", attributes: ["to": "a@b"], text: "hi")
        var buffer = ByteBuffer()
        message.write(to: &buffer, defaultNamespace: "jabber:client")
        #expect(buffer.readString(length: buffer.readableBytes) == "<message to='a@b'>hi</message>")
    }

    @Test func writesTheStreamHeader() {
        let header = streamHeader(defaultNamespace: "jabber:client", attributes: [
            .init(name: "from", value: "example.test"), .init(name: "id", value: "x'1"),
            .init(name: "version", value: "1.0"), .init(name: "xml:lang", value: "en"),
        ])
        #expect(header == "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.test' id='x&apos;1' version='1.0' xml:lang='en'>")
        let events = try? XMLTestSupport.events(header)
        #expect(events == [.streamOpen(XMLElement(name: "stream", namespace: XMLNamespaces.streams, orderedAttributes: [
            .init(name: "from", value: "example.test"), .init(name: "id", value: "x'1"),
            .init(name: "version", value: "1.0"), .init(name: "xml:lang", value: "en"),
        ]))])
    }

    @Test func parsedStanzasSurviveARoundTrip() throws {
        let tricky = """
            <message id='t&#x9;a&#xA;b&#xD;c' xml:lang='fr'><body>a\r\nb&#xD;c ]]&gt; &lt;&amp;&gt; \
            <![CDATA[<x>]]> ☃</body><x:y xmlns:x='urn:x'><z/></x:y><q xmlns=''/></message>
            """
        let openStream = String(XMLStreamParserTests.clientStream.dropLast("</stream:stream>".count))
        let original = XMLTestSupport.stanzas(in: try XMLTestSupport.events(openStream + tricky))
        #expect(original.count == 5)
        let header = streamHeader(defaultNamespace: "jabber:client", attributes: [])
        let serialized = original.map { $0.serialized(defaultNamespace: "jabber:client") }.joined()
        let reparsed = XMLTestSupport.stanzas(in: try XMLTestSupport.events(header + serialized))
        #expect(reparsed == original)
    }
}
