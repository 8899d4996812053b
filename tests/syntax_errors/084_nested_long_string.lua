local s = [[ outer [[ inner ]] ]]
