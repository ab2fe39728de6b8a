"""Operations around a build: per-document cache, the outputs lock, the drop-folder watcher,
the HTML report and the task-runner choice for the Prefect flow."""
