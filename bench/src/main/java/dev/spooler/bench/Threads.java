package dev.spooler.bench;

import java.util.ArrayList;
import java.util.List;

/** Runs one task on several threads at once and rethrows the first failure. */
final class Threads {

  interface Task {
    void run(int thread) throws Exception;
  }

  private Threads() {}

  static void runAll(int threads, Task task) throws Exception {
    List<Thread> started = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int index = i;
      Thread t =
          new Thread(
              () -> {
                try {
                  task.run(index);
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              });
      t.start();
      started.add(t);
    }
    for (Thread t : started) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
