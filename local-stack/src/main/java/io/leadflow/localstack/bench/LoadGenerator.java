package io.leadflow.localstack.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop HTTP load generator: each of N kept-alive connections has exactly one request in flight and posts the
 * next lead as soon as the answer arrived (as wrk does); latencies go into an HdrHistogram. Built on Netty itself,
 * not on Reactor Netty's client: on two shared cores every microsecond the generator spends is taken from the
 * endpoint it measures, and the reactive client costs about twice as much per request.
 */
final class LoadGenerator implements AutoCloseable {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;
    private static final HttpClient PROBE_CLIENT = HttpClient.newBuilder().connectTimeout(RESPONSE_TIMEOUT).build();

    private final int connections;
    private final LeadBodies bodies;
    private final EventLoopGroup loops;
    private final Bootstrap bootstrap;
    // Kept from phase to phase per target, as a connection pool would, so a round measures no connection set-up.
    private final Map<URI, Set<Channel>> openConnections = new ConcurrentHashMap<>();

    /** What one phase counted: answers with a 2xx status, answers with another, requests that got no answer. */
    record Result(Duration elapsed, long answered, long failedAnswers, long errors, Histogram latencyMicros) {

        long requests() {
            return answered + failedAnswers + errors;
        }

        Figures figures() {
            return new Figures(answered / (elapsed.toNanos() / 1e9),
                    millis(latencyMicros.getValueAtPercentile(50)), millis(latencyMicros.getValueAtPercentile(90)),
                    millis(latencyMicros.getValueAtPercentile(99)), millis(latencyMicros.getMaxValue()),
                    failedAnswers, errors);
        }

        private static double millis(long micros) {
            return micros / 1000.0;
        }
    }

    /** Told of each 2xx answer of a run, on the connection's event loop: keep it short. */
    @FunctionalInterface
    interface Answers {
        /** {@code sentAtNanos} is {@link System#nanoTime()} when the request went out. */
        void answered(long sentAtNanos, String body);
    }

    /** An answer to a single request, to check a target before loading it. */
    record Probe(int status, String body) {
    }

    LoadGenerator(int connections, LeadBodies bodies) {
        this.connections = connections;
        this.bodies = bodies;
        // As many event loops as cores, as wrk -t2 on two cores.
        this.loops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) RESPONSE_TIMEOUT.toMillis());
    }

    /** Posts one lead to {@code target} and returns the answer; throws when there is none. */
    Probe probe(URI target) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(RESPONSE_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.next()))
                .build();
        HttpResponse<String> response = PROBE_CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Probe(response.statusCode(), response.body());
    }

    /**
     * Posts leads to {@code target} over all connections for {@code length}; requests still in flight at the end are
     * awaited and counted, for up to 30 s (then they count as errors).
     */
    Result run(URI target, Duration length) throws InterruptedException {
        return run(target, length, 0, null);
    }

    /**
     * As {@link #run(URI, Duration)}, but each connection paces its requests so that all together offer
     * {@code leadsPerSecond} (0: as fast as answers come); {@code answers}, when not null, is told of each 2xx answer.
     * A connection whose answers come late catches up by sending at once, so the rate holds while answers keep up.
     */
    Result run(URI target, Duration length, double leadsPerSecond, Answers answers) throws InterruptedException {
        long pacingNanos = leadsPerSecond > 0 ? (long) (connections * 1e9 / leadsPerSecond) : 0;
        Phase phase = new Phase(target, length, connections, pacingNanos, answers);
        for (Channel channel : connectionsTo(target)) {
            channel.pipeline().get(ClosedLoop.class).start(phase);
        }
        if (!phase.finished.await(length.plus(RESPONSE_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS)) {
            List.copyOf(openConnections.getOrDefault(target, Set.of())).forEach(Channel::close);
            phase.finished.await(RESPONSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return new Result(Duration.ofNanos(System.nanoTime() - phase.started), phase.answered.sum(),
                phase.failedAnswers.sum(), phase.errors.sum(), phase.latencies.getIntervalHistogram());
    }

    @Override
    public void close() {
        openConnections.values().forEach(channels -> List.copyOf(channels).forEach(Channel::close));
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Set<Channel> connectionsTo(URI target) throws InterruptedException {
        Set<Channel> channels = openConnections.computeIfAbsent(target, any -> ConcurrentHashMap.newKeySet());
        while (channels.size() < connections) {
            ChannelFuture connected = connect(target);
            if (!connected.await(RESPONSE_TIMEOUT.toMillis()) || !connected.isSuccess()) {
                throw new IllegalStateException("Cannot connect to " + target + ": " + connected.cause());
            }
            // The connect listener may not have run yet: count the connection now, or the loop opens one too many
            // and a phase would end without awaiting that connection's last request.
            channels.add(connected.channel());
        }
        return Set.copyOf(channels);
    }

    /** Opens a connection that, once open, is one of the target's until it closes. */
    private ChannelFuture connect(URI target) {
        Set<Channel> channels = openConnections.computeIfAbsent(target, any -> ConcurrentHashMap.newKeySet());
        ChannelFuture connecting = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_ANSWER_BYTES),
                        new ClosedLoop(target));
            }
        }).connect(target.getHost(), target.getPort());
        return connecting.addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                channels.add(connected.channel());
                connected.channel().closeFuture().addListener(closed -> channels.remove(connected.channel()));
            }
        });
    }

    /** One run over all connections: its deadline and counts, shared by the connections' event loops. */
    private static final class Phase {
        final URI target;
        final long started = System.nanoTime();
        final long deadline;
        final CountDownLatch finished;
        final Recorder latencies = new Recorder(3);
        final LongAdder answered = new LongAdder();
        final LongAdder failedAnswers = new LongAdder();
        final LongAdder errors = new LongAdder();
        final long pacingNanos;
        final Answers answers;

        Phase(URI target, Duration length, int connections, long pacingNanos, Answers answers) {
            this.target = target;
            this.pacingNanos = pacingNanos;
            this.answers = answers;
            this.deadline = started + length.toNanos();
            this.finished = new CountDownLatch(connections);
        }

        boolean running() {
            return System.nanoTime() < deadline;
        }
    }

    /**
     * A connection's loop: send a lead, await its answer, count it, send the next until the phase ends. Its state is
     * only touched on the connection's event loop.
     */
    private final class ClosedLoop extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final String path;
        private final String host;
        private ChannelHandlerContext context;
        private Phase phase;
        private long sentAt;
        private long nextSendAt;
        private boolean inFlight;

        ClosedLoop(URI target) {
            this.path = target.getRawPath();
            this.host = target.getHost() + ":" + target.getPort();
        }

        @Override
        public void handlerAdded(ChannelHandlerContext added) {
            context = added;
        }

        void start(Phase next) {
            context.channel().eventLoop().execute(() -> {
                phase = next;
                if (next.pacingNanos == 0) {
                    send();
                    return;
                }
                // Connections start spread over one pacing interval, so the rate is even from the first second.
                nextSendAt = next.started + ThreadLocalRandom.current().nextLong(next.pacingNanos);
                sendWhenDue();
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ignored, FullHttpResponse answer) {
            long now = System.nanoTime();
            inFlight = false;
            phase.latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(now - sentAt));
            boolean success = answer.status().code() / 100 == 2;
            (success ? phase.answered : phase.failedAnswers).increment();
            if (success && phase.answers != null) {
                phase.answers.answered(sentAt, answer.content().toString(StandardCharsets.UTF_8));
            }
            if (now >= phase.deadline) {
                phase.finished.countDown();
            } else if (phase.pacingNanos == 0) {
                send();
            } else {
                nextSendAt += phase.pacingNanos;
                sendWhenDue();
            }
        }

        private void sendWhenDue() {
            long wait = nextSendAt - System.nanoTime();
            if (wait <= 0) {
                send();
                return;
            }
            Phase current = phase;
            context.channel().eventLoop().schedule(() -> {
                if (current.running()) {
                    send();
                } else {
                    current.finished.countDown();
                }
            }, wait, TimeUnit.NANOSECONDS);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ignored, Throwable cause) {
            context.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ignored) {
            lost();
        }

        private void send() {
            byte[] body = bodies.next();
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                    Unpooled.wrappedBuffer(body));
            request.headers()
                    .set(HttpHeaderNames.HOST, host)
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            inFlight = true;
            sentAt = System.nanoTime();
            context.writeAndFlush(request).addListener(written -> {
                if (!written.isSuccess()) {
                    context.close();
                    lost();
                }
            });
        }

        /** The request in flight got no answer: an error; the loop goes on over a new connection until the end. */
        private void lost() {
            if (!inFlight) {
                return;
            }
            inFlight = false;
            Phase current = phase;
            current.errors.increment();
            if (!current.running()) {
                current.finished.countDown();
                return;
            }
            connect(current.target).addListener((ChannelFuture connected) -> {
                if (connected.isSuccess()) {
                    connected.channel().pipeline().get(ClosedLoop.class).start(current);
                } else {
                    current.errors.increment();
                    current.finished.countDown();
                }
            });
        }
    }
}
