namespace Wnn.Storage;

/// <summary>SQLite schema migrations (timestamps as ISO-8601 text, booleans as 0/1).</summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE flows (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            description TEXT,
            config_json TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled')),
            created_at TEXT NOT NULL,
            started_at TEXT,
            completed_at TEXT,
            seed_checkpoint_id INTEGER REFERENCES checkpoints(id) ON DELETE SET NULL,
            worker_id TEXT,
            heartbeat_at TEXT,
            stop_requested INTEGER NOT NULL DEFAULT 0,
            error TEXT
        );
        CREATE INDEX ix_flows_status ON flows (status, id);
        CREATE TABLE experiments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            flow_id INTEGER REFERENCES flows(id) ON DELETE CASCADE,
            sequence INTEGER NOT NULL DEFAULT 0,
            name TEXT NOT NULL,
            phase_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            dimension TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
            created_at TEXT NOT NULL,
            started_at TEXT,
            completed_at TEXT,
            best_fitness REAL,
            best_accuracy REAL,
            iterations_run INTEGER NOT NULL DEFAULT 0,
            config_json TEXT NOT NULL
        );
        CREATE INDEX ix_experiments_flow ON experiments (flow_id, sequence);
        CREATE TABLE checkpoints (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            experiment_id INTEGER REFERENCES experiments(id) ON DELETE SET NULL,
            name TEXT NOT NULL,
            file_path TEXT NOT NULL UNIQUE,
            file_size_bytes INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            final_fitness REAL,
            final_accuracy REAL,
            iterations_run INTEGER,
            genome_stats_json TEXT,
            is_final INTEGER NOT NULL DEFAULT 0,
            reference_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_checkpoints_experiment ON checkpoints (experiment_id);
        CREATE TABLE iterations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
            iteration INTEGER NOT NULL,
            best_ce REAL NOT NULL,
            mean_ce REAL,
            best_accuracy REAL,
            mean_accuracy REAL,
            threshold REAL,
            patience_counter INTEGER,
            elapsed_seconds REAL NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX ix_iterations_experiment ON iterations (experiment_id, iteration);
        CREATE TABLE validation_summaries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            flow_id INTEGER REFERENCES flows(id) ON DELETE CASCADE,
            experiment_id INTEGER REFERENCES experiments(id) ON DELETE CASCADE,
            checkpoint_id INTEGER REFERENCES checkpoints(id) ON DELETE SET NULL,
            split TEXT NOT NULL,
            ce REAL NOT NULL,
            accuracy REAL NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE workers (
            id TEXT PRIMARY KEY,
            hostname TEXT NOT NULL,
            pid INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            type TEXT NOT NULL,
            payload_json TEXT NOT NULL
        );
        """,
        """
        -- Version 2: studies and trials of Wnn.Search (SqliteStudyStorage).
        CREATE TABLE studies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            next_trial_number INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE study_directions (
            study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            objective INTEGER NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('minimize', 'maximize')),
            PRIMARY KEY (study_id, objective)
        );
        CREATE TABLE trials (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('waiting', 'running', 'complete', 'pruned', 'failed')),
            started_at TEXT,
            completed_at TEXT,
            constraints_json TEXT,
            UNIQUE (study_id, number)
        );
        CREATE INDEX ix_trials_study_state ON trials (study_id, state, number);
        CREATE TABLE trial_params (
            trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            position INTEGER NOT NULL,
            internal_value REAL NOT NULL,
            distribution_json TEXT NOT NULL,
            PRIMARY KEY (trial_id, name)
        );
        CREATE TABLE trial_values (
            trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
            objective INTEGER NOT NULL,
            value REAL,
            PRIMARY KEY (trial_id, objective)
        );
        CREATE TABLE trial_intermediate_values (
            trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
            step INTEGER NOT NULL,
            value REAL,
            PRIMARY KEY (trial_id, step)
        );
        CREATE TABLE trial_user_attrs (
            trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value_json TEXT NOT NULL,
            PRIMARY KEY (trial_id, key)
        );
        CREATE TABLE trial_system_attrs (
            trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value_json TEXT NOT NULL,
            PRIMARY KEY (trial_id, key)
        );
        CREATE TABLE trial_heartbeats (
            trial_id INTEGER PRIMARY KEY REFERENCES trials(id) ON DELETE CASCADE,
            heartbeat_at TEXT NOT NULL
        );
        """,
        """
        -- Version 3: an experiment's two metrics kept apart. train_part_best_* = best of its iterations, on the rotating
        -- training part; best_fitness/best_accuracy = the phase result on the full data, set only when it completes.
        -- Rows of version 2 had the training-part best there until completion: moved for phases that did not complete.
        ALTER TABLE experiments ADD COLUMN train_part_best_ce REAL;
        ALTER TABLE experiments ADD COLUMN train_part_best_accuracy REAL;
        UPDATE experiments SET
            train_part_best_ce = (SELECT MIN(i.best_ce) FROM iterations i WHERE i.experiment_id = experiments.id),
            train_part_best_accuracy = (SELECT MAX(i.best_accuracy) FROM iterations i WHERE i.experiment_id = experiments.id);
        UPDATE experiments SET best_fitness = NULL, best_accuracy = NULL WHERE status <> 'completed';
        """,
        """
        -- Version 4: study-level user attributes (Study.SetUserAttribute).
        CREATE TABLE study_user_attrs (
            study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value_json TEXT NOT NULL,
            PRIMARY KEY (study_id, key)
        );
        """,
    ];
}
