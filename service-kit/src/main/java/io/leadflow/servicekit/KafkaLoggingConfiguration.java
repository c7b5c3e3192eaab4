package io.leadflow.servicekit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.ProducerListener;

/**
 * Replaces Boot's producer listener, which logs a failed record's key and value: values are leads (PII) and never go to
 * the logs. The failure, topic and partition are still logged.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
public class KafkaLoggingConfiguration {

    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }
}
