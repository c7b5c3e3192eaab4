package io.leadflow.integrations.email.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server for tests on 127.0.0.1 (UDP, a free port) answering MX and A queries from a table: MX hosts, an address
 * only, a null MX, NXDOMAIN, SERVFAIL, or no answer at all (for timeouts). Unknown names are NXDOMAIN. Shared with
 * other modules' tests through this module's test-jar.
 */
public final class FakeDnsServer implements AutoCloseable {

    /** What the server says about one domain. */
    public sealed interface Zone permits Exchangers, AddressOnly, NullMx, Failing, Silent {
    }

    public record Exchangers(List<String> hostsByPreference) implements Zone {
    }

    public record AddressOnly() implements Zone {
    }

    public record NullMx() implements Zone {
    }

    public record Failing() implements Zone {
    }

    public record Silent() implements Zone {
    }

    private final DatagramSocket socket;
    private final Map<String, Zone> zones = new ConcurrentHashMap<>();
    private final Thread thread;

    public FakeDnsServer(Map<String, Zone> zones) {
        this.zones.putAll(zones);
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "fake-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code 127.0.0.1:<port>}, as the verify module's {@code dns_server} takes it. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message answer = answer(query);
                if (answer != null) {
                    byte[] wire = answer.toWire(512);
                    socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private Message answer(Message query) throws IOException {
        Record question = query.getQuestion();
        Name name = question.getName();
        Zone zone = zones.get(name.toString(true));
        if (zone instanceof Silent) {
            return null;
        }
        Message answer = new Message(query.getHeader().getID());
        answer.getHeader().setFlag(Flags.QR);
        answer.getHeader().setFlag(Flags.RA);
        answer.addRecord(question, Section.QUESTION);
        if (zone == null) {
            answer.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (zone instanceof Failing) {
            answer.getHeader().setRcode(Rcode.SERVFAIL);
        } else if (question.getType() == Type.MX && zone instanceof Exchangers exchangers) {
            int preference = 10;
            for (String host : exchangers.hostsByPreference()) {
                answer.addRecord(new MXRecord(name, DClass.IN, 300, preference, Name.fromString(host + ".")),
                        Section.ANSWER);
                preference += 10;
            }
        } else if (question.getType() == Type.MX && zone instanceof NullMx) {
            answer.addRecord(new MXRecord(name, DClass.IN, 300, 0, Name.root), Section.ANSWER);
        } else if (question.getType() == Type.A && zone instanceof AddressOnly) {
            answer.addRecord(new ARecord(name, DClass.IN, 300, InetAddress.getByName("192.0.2.25")), Section.ANSWER);
        }
        return answer;
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
