/*
 * Runs librdkafka's built-in mock Kafka cluster (a real Kafka wire-protocol
 * server made for tests) until stdin closes or SIGTERM/SIGINT arrives.
 *
 * Usage: kafka-mock-cluster [--brokers N] [topic[:partitions] ...]
 * Prints the bootstrap servers on one line on stdout, then blocks.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

static volatile sig_atomic_t stop_requested = 0;

static void on_signal(int sig) {
        (void)sig;
        stop_requested = 1;
}

static int parse_positive(const char *text, const char *what) {
        char *end;
        long value = strtol(text, &end, 10);
        if (*text == '\0' || *end != '\0' || value < 1 || value > 10000) {
                fprintf(stderr, "kafka-mock-cluster: invalid %s: %s\n", what,
                        text);
                exit(2);
        }
        return (int)value;
}

int main(int argc, char **argv) {
        int broker_cnt = 1;
        int first_topic = 1;
        char errstr[512];

        if (argc >= 3 && strcmp(argv[1], "--brokers") == 0) {
                broker_cnt = parse_positive(argv[2], "broker count");
                first_topic = 3;
        }

        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        /* A closed stdout pipe must not kill us before the cluster is destroyed. */
        signal(SIGPIPE, SIG_IGN);

        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        /* The handle is only the mock's bookkeeping owner; keep it quiet. */
        rd_kafka_conf_set(conf, "log_level", "3", NULL, 0);
        rd_kafka_t *rk =
            rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                fprintf(stderr, "kafka-mock-cluster: rd_kafka_new: %s\n",
                        errstr);
                return 1;
        }

        rd_kafka_mock_cluster_t *mcluster =
            rd_kafka_mock_cluster_new(rk, broker_cnt);
        if (!mcluster) {
                fprintf(stderr,
                        "kafka-mock-cluster: rd_kafka_mock_cluster_new failed\n");
                rd_kafka_destroy(rk);
                return 1;
        }

        for (int i = first_topic; i < argc; i++) {
                char *name = argv[i];
                int partitions = 1;
                char *colon = strrchr(name, ':');
                if (colon) {
                        *colon = '\0';
                        partitions = parse_positive(colon + 1, "partition count");
                }
                rd_kafka_resp_err_t err =
                    rd_kafka_mock_topic_create(mcluster, name, partitions, 1);
                if (err) {
                        fprintf(stderr,
                                "kafka-mock-cluster: cannot create topic %s: %s\n",
                                name, rd_kafka_err2str(err));
                        rd_kafka_mock_cluster_destroy(mcluster);
                        rd_kafka_destroy(rk);
                        return 1;
                }
        }

        printf("%s\n", rd_kafka_mock_cluster_bootstraps(mcluster));
        fflush(stdout);

        struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
        char buf[256];
        while (!stop_requested) {
                int n = poll(&pfd, 1, 500);
                if (n < 0) {
                        if (errno == EINTR)
                                continue;
                        break;
                }
                if (n == 0)
                        continue;
                if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))
                        break;
                ssize_t r = read(STDIN_FILENO, buf, sizeof(buf));
                if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN))
                        break;
        }

        rd_kafka_mock_cluster_destroy(mcluster);
        rd_kafka_destroy(rk);
        return 0;
}
