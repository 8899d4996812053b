return {#KEYS, KEYS, ARGV}
