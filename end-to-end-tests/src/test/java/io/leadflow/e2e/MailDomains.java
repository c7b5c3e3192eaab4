package io.leadflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Map;
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
 * The DNS the email checks ask in the end-to-end tests: a UDP server on 127.0.0.1 (a free port) that gives each known
 * domain one MX host and answers NXDOMAIN for any other name.
 */
final class MailDomains implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, String> exchangers;
    private final Thread thread;

    MailDomains(Map<String, String> exchangers) {
        this.exchangers = Map.copyOf(exchangers);
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "e2e-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code 127.0.0.1:<port>}, as {@code email.outbound.verify}'s {@code dns_server} takes it. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] wire = answer(new Message(Arrays.copyOf(packet.getData(), packet.getLength()))).toWire(512);
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private Message answer(Message query) throws IOException {
        Record question = query.getQuestion();
        String exchanger = exchangers.get(question.getName().toString(true));
        Message answer = new Message(query.getHeader().getID());
        answer.getHeader().setFlag(Flags.QR);
        answer.getHeader().setFlag(Flags.RA);
        answer.addRecord(question, Section.QUESTION);
        if (exchanger == null) {
            answer.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (question.getType() == Type.MX) {
            answer.addRecord(new MXRecord(question.getName(), DClass.IN, 300, 10, Name.fromString(exchanger + ".")),
                    Section.ANSWER);
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
