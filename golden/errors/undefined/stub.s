// Empty: its presence lets main.f go without a body.
