package dev.dbarch.workload.plan;

/** A document that is not an execution plan dbarch can read; the message says what is wrong. */
public final class PlanFormatException extends IllegalArgumentException {

  public PlanFormatException(String message) {
    super(message);
  }
}
