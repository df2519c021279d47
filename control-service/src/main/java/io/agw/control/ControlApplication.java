package io.agw.control;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The control service: reconciles Kubernetes resources and serves them to gateways. */
@SpringBootApplication
public class ControlApplication {

  public static void main(String[] args) {
    SpringApplication.run(ControlApplication.class, args);
  }
}
