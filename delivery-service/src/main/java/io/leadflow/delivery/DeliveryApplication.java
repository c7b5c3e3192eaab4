package io.leadflow.delivery;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** delivery-service: runs each lead's recipient steps and publishes DeliveryAttempted and LeadCompleted. */
@SpringBootApplication
public class DeliveryApplication {

    /** The application with its own config file, {@code delivery.yml}, so it can share a JVM with the others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(DeliveryApplication.class).properties("spring.config.name=delivery");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
